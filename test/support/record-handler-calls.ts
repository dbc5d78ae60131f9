/*
 * Jest setup for the handler unit tests (test/lambda/, test/<kind>/handler*.test.ts): records every command
 * the handlers send through `callBedrock`, even to a mocked client, and checks
 * that the operation name each call site logs is the command it sends.
 * Other test files are left alone (and do not load the handler code).
 */
import { recordedCall, RecordedCall, writeRecording } from './bedrock-calls';

const testPath = expect.getState().testPath ?? '';

if (/[\\/]test[\\/](lambda[\\/]|[^\\/]+[\\/]handler[^\\/]*\.test\.ts$)/.test(testPath)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const call = require('../../lambda/shared/call') as typeof import('../../lambda/shared/call');
  const calls: RecordedCall[] = [];
  const original = call.callBedrock;

  jest.spyOn(call, 'callBedrock').mockImplementation((operation, target, send) => original(operation, target, (client) => {
    const recording = new Proxy(client, {
      get(target_, property, receiver) {
        if (property !== 'send') return Reflect.get(target_, property, receiver);
        return (command: { input: unknown }) => {
          const sent = command.constructor.name.replace(/Command$/, '');
          if (sent !== operation) throw new Error(`callBedrock('${operation}') sent ${sent}`);
          calls.push(recordedCall(sent, command.input));
          return target_.send(command as never);
        };
      },
    });
    return send(recording);
  }));

  afterAll(() => writeRecording(testPath, 'unit', calls));
}
