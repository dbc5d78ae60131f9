/*
 * The JSDoc of every name prop states the length and pattern the constraints
 * fixture gives, and links the API reference of the request that sends it:
 * read from the jsii assembly (.jsii), which the build writes before the tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { operation, resolvePath, shape } from '../../src/contract/constraints';

const ASSEMBLY = path.join(__dirname, '..', '..', '.jsii');

/** Each name prop: its props type, the request that sends it, and where. */
const NAME_PROPS = [
  { type: 'ModelCustomizationJobProps', prop: 'jobName', operation: 'CreateModelCustomizationJob', path: 'jobName' },
  { type: 'ModelCustomizationJobProps', prop: 'customModelName', operation: 'CreateModelCustomizationJob', path: 'customModelName' },
  { type: 'NovaModelImportProps', prop: 'modelName', operation: 'CreateCustomModel', path: 'modelName' },
];

describe('JSDoc of name props', () => {
  const assembly = JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8'));

  test.each(NAME_PROPS)('$type.$prop states the length and pattern of $operation and links it', ({ type, prop, operation: op, path: member }) => {
    const property = assembly.types[`cdk-bedrock-customization.${type}`].properties.find((p: { name: string }) => p.name === prop);
    const docs = `${property.docs.summary} ${property.docs.remarks ?? ''}`.replace(/\s+/g, ' ');
    const { ref } = resolvePath(operation(op).input, member);
    const target = shape(ref.target);
    // A constraint on the member overrides its shape's, as in Smithy.
    const length = ref.length ?? target.length;
    const pattern = ref.pattern ?? target.pattern;
    expect(docs).toContain(`${length!.min} to ${length!.max} characters matching \`${pattern}\``);
    expect(docs).toContain(`(https://docs.aws.amazon.com/bedrock/latest/APIReference/API_${op}.html)`);
  });
});
