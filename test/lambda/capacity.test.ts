/*
 * Who holds the account's slots, as a failure message names them: a page of
 * the jobs in progress (or the models being imported), at most five names,
 * "and more" past them, and what could not be listed, never a throw.
 */
import { AccessDeniedException, ListCustomModelsCommand, ListModelCustomizationJobsCommand } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { useMockedBedrock } from './fixtures';
import { jobsHoldingSlots } from '../../lambda/model-customization-job/slots';
import { NOVA_IMPORT_QUEUE } from '../../lambda/nova-model-import/create-model';

const { bedrock } = useMockedBedrock();
const jobs = (...names: string[]) => names.map((jobName) => ({ jobName, jobArn: `arn:${jobName}`, status: 'InProgress' as const, baseModelArn: 'b', creationTime: new Date() }));

test('the jobs in progress: one page of six asked for, five names listed, then "and more"', async () => {
  bedrock.on(ListModelCustomizationJobsCommand).resolves({ modelCustomizationJobSummaries: jobs('a', 'b', 'c', 'd', 'e', 'f') });
  expect(await jobsHoldingSlots()).toBe('the account\'s jobs in progress are a, b, c, d, e and more');
  expect(bedrock).toHaveReceivedCommandWith(ListModelCustomizationJobsCommand, { statusEquals: 'InProgress', maxResults: 6 });
});

test('"and more" also when the page says there is a next one', async () => {
  bedrock.on(ListModelCustomizationJobsCommand).resolves({ modelCustomizationJobSummaries: jobs('a', 'b'), nextToken: 'next' });
  expect(await jobsHoldingSlots()).toBe('the account\'s jobs in progress are a, b and more');
});

test('none in progress (a slot freed meanwhile), and a listing that fails: said, not thrown', async () => {
  bedrock.on(ListModelCustomizationJobsCommand).resolvesOnce({ modelCustomizationJobSummaries: [] })
    .rejectsOnce(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
  expect(await jobsHoldingSlots()).toBe('the account has no jobs in progress now');
  expect(await jobsHoldingSlots()).toBe('the jobs in progress could not be listed (bedrock:ListModelCustomizationJobs)');
});

test('the models being imported: the account\'s own models Creating', async () => {
  bedrock.on(ListCustomModelsCommand).resolves({ modelSummaries: [{ modelName: 'support-v7', modelArn: 'arn:m', creationTime: new Date(), baseModelArn: 'b', baseModelName: 'b' }] });
  expect(await NOVA_IMPORT_QUEUE.slot('mine').holders()).toBe('the account\'s models being imported are support-v7');
  expect(bedrock).toHaveReceivedCommandWith(ListCustomModelsCommand, { modelStatus: 'Creating', isOwned: true, maxResults: 6 });
});
