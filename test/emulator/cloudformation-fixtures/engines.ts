/*
 * Engines a test file makes, closed after its tests.
 */
import { LocalCloudFormation } from '../../../emulator/cloudformation';

/** Called at a test file's top level: a function that makes engines, all closed after the file's tests. */
export function useEngines(): (options?: ConstructorParameters<typeof LocalCloudFormation>[0]) => LocalCloudFormation {
  const engines: LocalCloudFormation[] = [];
  afterAll(() => Promise.all(engines.map((e) => e.close())));
  return (options = {}) => {
    const created = new LocalCloudFormation(options);
    engines.push(created);
    return created;
  };
}
