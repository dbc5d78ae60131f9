/*
 * The throughput handler's Update when the change needs a new throughput: a
 * model Bedrock cannot swap in place (decided from GetProvisionedModelThroughput
 * and GetCustomModel), and the commitment of the throughput it would replace.
 */
import {
  CreateProvisionedModelThroughputCommand, GetCustomModelCommand, GetProvisionedModelThroughputCommand, ResourceNotFoundException,
  UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { THROUGHPUT_ARN, THROUGHPUT_ARN_2, throughputDetails, throughputPhysicalId, throughputProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/provisioned-throughput/on-event';
import { MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';
import { logLines, MODEL_ARN, MODEL_ARN_2, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock, logs } = useMockedBedrock();
const TITAN = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k';
const NOVA_MICRO = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k';
const NOVA_MODEL = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/nn1234567890';
const ID = throughputPhysicalId();
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000);

/** The Update of the fixtures' throughput (of MODEL_ARN, 1 unit) to `after`'s properties. */
const update = (after: Record<string, unknown>, before = throughputProperties()) =>
  onEvent(updateEvent(throughputPhysicalId(before), before, throughputProperties(after)));

beforeEach(() => {
  bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: THROUGHPUT_ARN_2 });
  bedrock.on(UpdateProvisionedModelThroughputCommand).resolves({});
});

describe('a model change', () => {
  test('to a custom model of the same base, or to that base: in place, the base read from GetCustomModel when needed', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    bedrock.on(GetCustomModelCommand).resolves({ modelArn: MODEL_ARN_2, baseModelArn: TITAN } as never);

    expect((await update({ modelId: MODEL_ARN_2 })).PhysicalResourceId).toBe(ID);
    expect(bedrock).toHaveReceivedCommandWith(GetCustomModelCommand, { modelIdentifier: MODEL_ARN_2 });
    expect(bedrock).toHaveReceivedCommandWith(UpdateProvisionedModelThroughputCommand, { desiredModelId: MODEL_ARN_2 });

    bedrock.resetHistory();
    expect((await update({ modelId: TITAN })).PhysicalResourceId).toBe(ID);
    expect(bedrock).not.toHaveReceivedCommand(GetCustomModelCommand);
    expect(bedrock).toHaveReceivedCommandWith(UpdateProvisionedModelThroughputCommand, { desiredModelId: TITAN });
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
  });

  test.each([
    ['of a throughput that serves its foundation model', { modelArn: TITAN, desiredModelArn: TITAN }, MODEL_ARN_2, `it serves the foundation model ${TITAN}`],
    ['to a custom model of another base', {}, NOVA_MODEL, `${NOVA_MODEL} is customized from ${NOVA_MICRO}, its custom model from ${TITAN}`],
    ['to another foundation model', {}, NOVA_MICRO, `${NOVA_MICRO} is not ${TITAN}, the base of its custom model`],
  ])('%s: a new throughput, with no update, and the reason logged', async (_what, details, modelId, reason) => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', details));
    bedrock.on(GetCustomModelCommand).resolves({ modelArn: NOVA_MODEL, baseModelArn: NOVA_MICRO } as never);

    const result = await update({ modelId });

    expect(result).toMatchObject({ Replacement: true, Data: { ProvisionedModelArn: THROUGHPUT_ARN_2 } });
    expect(bedrock).toHaveReceivedCommandWith(CreateProvisionedModelThroughputCommand, { modelId, modelUnits: 1 });
    expect(bedrock).not.toHaveReceivedCommand(UpdateProvisionedModelThroughputCommand);
    expect(logLines(logs()).find((line) => String(line.message).startsWith('Bedrock cannot swap'))?.refusal).toContain(reason);
  });

  test('the same model Bedrock already moves to (a rollback), or an unknown one: no decision, Bedrock answers the update', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Updating', { modelArn: TITAN, desiredModelArn: MODEL_ARN_2 }));
    await update({ modelId: MODEL_ARN_2 });
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);

    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    bedrock.on(GetCustomModelCommand).rejects(new ResourceNotFoundException({ message: 'No such model.', $metadata: {} }));
    await update({ modelId: MODEL_ARN_2 });
    expect(bedrock).toHaveReceivedCommandWith(UpdateProvisionedModelThroughputCommand, { desiredModelId: MODEL_ARN_2 });
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
  });
});

describe('a replacement while a commitment term runs', () => {
  const committed = throughputProperties({ commitmentDuration: 'OneMonth', removalPolicy: 'destroy' });

  test('new model units: fails before anything is bought, naming both costs and what to do', async () => {
    const until = inAMonth();
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', { commitmentDuration: 'OneMonth', commitmentExpirationTime: until }));

    const error: Error = await update({ commitmentDuration: 'OneMonth', removalPolicy: 'destroy', modelUnits: '2' }, committed)
      .then(() => new Error('resolved'), (e) => e);

    expect(error.message).toBe(`Cannot replace provisioned throughput ${THROUGHPUT_ARN}: changing modelUnits requires a new throughput, `
      + `and this one has a OneMonth commitment until ${until.toISOString()}. Bedrock bills a commitment to its end and deletes no throughput `
      + `before, so replacing it now pays for both: 1 model unit until ${until.toISOString()}, and 2 model units for another OneMonth term `
      + 'from now. Nothing was bought. To accept paying for both, set allowReplacementDuringTerm to true and deploy again; or deploy this '
      + `change after ${until.toISOString()}.`);
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
  });

  test('a model Bedrock cannot swap, into no commitment: the reason, the hourly cost, within the bound', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', {
      modelArn: TITAN, desiredModelArn: TITAN, commitmentDuration: 'SixMonths', commitmentExpirationTime: inAMonth(), modelUnits: 3,
    }));
    const before = throughputProperties({ modelId: TITAN, commitmentDuration: 'SixMonths', removalPolicy: 'destroy', modelUnits: '3' });

    const error: Error = await update({ modelId: MODEL_ARN, commitmentDuration: 'SixMonths', removalPolicy: 'destroy', modelUnits: '3' }, before)
      .then(() => new Error('resolved'), (e) => e);

    expect(error.message).toMatch(new RegExp(`^Cannot replace provisioned throughput ${THROUGHPUT_ARN}: changing modelId requires a new throughput, as it serves the foundation model`));
    expect(error.message).toContain('3 model units until');
    expect(error.message).toContain('and 3 model units for another SixMonths term from now');
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
  });

  test('allowReplacementDuringTerm, a term that has ended, or no commitment before: the new throughput is bought', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', { commitmentDuration: 'OneMonth', commitmentExpirationTime: inAMonth() }));
    const accepted = await update({ commitmentDuration: 'SixMonths', removalPolicy: 'destroy', allowReplacementDuringTerm: 'true' }, committed);
    expect(accepted.Replacement).toBe(true);

    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolves(throughputDetails('InService', { commitmentDuration: 'OneMonth', commitmentExpirationTime: new Date(Date.now() - 1000) }));
    expect((await update({ commitmentDuration: 'SixMonths', removalPolicy: 'destroy' }, committed)).Replacement).toBe(true);

    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    expect((await update({ commitmentDuration: 'OneMonth', removalPolicy: 'destroy' })).Replacement).toBe(true);
    expect(bedrock).toHaveReceivedCommandTimes(CreateProvisionedModelThroughputCommand, 3);
  });

  test('a change of allowReplacementDuringTerm alone is library-only', async () => {
    const result = await update({ commitmentDuration: 'OneMonth', removalPolicy: 'destroy', allowReplacementDuringTerm: 'true' }, committed);
    expect(result.PhysicalResourceId).toBe(throughputPhysicalId(committed));
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});
