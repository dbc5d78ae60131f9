/*
 * The one wording of a waited-for resource that is gone, ended in a terminal
 * status, or is late (shared/status-reasons.ts).
 */
import { MAX_QUOTED_FAILURE_BYTES } from '../../lambda/shared/errors';
import { deadlineReason, failedReason, goneReason, notDeletedReason, present, stoppedReason } from '../../lambda/shared/status-reasons';

const ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';

describe('gone', () => {
  test('names the resource by its ARN, or by its name (quoted) while it has none', () => {
    expect(goneReason('custom model', ARN)).toBe(`Custom model ${ARN} no longer exists`);
    expect(goneReason('model customization job', 'my-job')).toBe("Model customization job 'my-job' no longer exists");
  });

  test('present passes a resource on, and fails for none', () => {
    const model = { modelStatus: 'Active' };
    expect(present(model, 'custom model', ARN)).toBe(model);
    expect(() => present(undefined, 'custom model', ARN)).toThrow(`Custom model ${ARN} no longer exists`);
  });
});

describe('Failed', () => {
  test('Bedrock\'s message first, then the resource and its status; the fallback when Bedrock gave none', () => {
    expect(failedReason('custom model', ARN, 'Failed', { failureMessage: 'Bad artifacts.', fallback: 'The import failed.' }))
      .toBe(`Bad artifacts. (custom model ${ARN} Failed)`);
    expect(failedReason('custom model', ARN, 'UpdateFailed', { failureMessage: '  ', fallback: 'The update failed.' }))
      .toBe(`The update failed. (custom model ${ARN} UpdateFailed)`);
  });

  test('a long message is cut, on one line, the tighter for a note', () => {
    const long = `${'x'.repeat(3000)}\nmore`;
    const plain = failedReason('custom model', ARN, 'Failed', { failureMessage: long, fallback: '' });
    const quoted = plain.slice(0, plain.indexOf(' (custom model'));
    expect(quoted).toMatch(/^x+…$/);
    expect(Buffer.byteLength(quoted)).toBeLessThanOrEqual(MAX_QUOTED_FAILURE_BYTES);

    const note = ' The new model is deleted.';
    const noted = failedReason('custom model', ARN, 'Failed', { failureMessage: long, fallback: '', note });
    expect(noted.endsWith(`(custom model ${ARN} Failed)${note}`)).toBe(true);
    const quotedWithNote = noted.slice(0, noted.indexOf(' (custom model'));
    expect(Buffer.byteLength(quotedWithNote)).toBeLessThanOrEqual(MAX_QUOTED_FAILURE_BYTES - Buffer.byteLength(note));
  });
});

describe('Stopped', () => {
  test('says so, with Bedrock\'s message when it gave one', () => {
    expect(stoppedReason('model customization job', ARN)).toBe(`Model customization job ${ARN} was stopped before it completed`);
    expect(stoppedReason('model customization job', ARN, 'Stopped by user.'))
      .toBe(`Model customization job ${ARN} was stopped before it completed: Stopped by user.`);
  });
});

describe('late', () => {
  test('a create or update: what it did not do by the deadline, and where it stands', () => {
    expect(deadlineReason('provisioned throughput', ARN, 'become InService', '2025-01-01T00:00:00.000Z', 'Creating'))
      .toBe(`Provisioned throughput ${ARN} did not become InService within the completion timeout (2025-01-01T00:00:00.000Z); it is Creating.`);
  });

  test('a delete: why it is not deleted, and the command that deletes it', () => {
    expect(notDeletedReason('custom model deployment', ARN, { state: 'is not deleted', why: '; it is Deleting', command: 'aws x' }))
      .toBe(`Custom model deployment ${ARN} is not deleted after 55 minutes; it is Deleting. Delete it (aws x), then delete the stack again.`);
    expect(notDeletedReason('custom model', ARN, { state: 'is still Creating', when: 'once it is Active', command: 'aws y' }))
      .toBe(`Custom model ${ARN} is still Creating after 55 minutes. Delete it once it is Active (aws y), then delete the stack again.`);
  });
});
