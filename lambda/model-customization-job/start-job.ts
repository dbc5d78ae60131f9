/*
 * CreateModelCustomizationJob, idempotent across retried invocations: the
 * clientRequestToken makes Bedrock return the same job, and a name conflict is
 * resolved by adopting the job when it is provably ours. A service role
 * Bedrock cannot assume yet is retried (shared/propagation-retry.ts).
 */
import { CreateModelCustomizationJobCommand, CreateModelCustomizationJobCommandInput } from '@aws-sdk/client-bedrock';
import { readJob } from './job-status';
import type { ResolvedJobNames } from './request';
import { callBedrock } from '../shared/call';
import { refuseIfQuotaExceeded } from '../shared/capacity';
import { describeError, isConflict } from '../shared/errors';
import { log } from '../shared/log';
import { retryingRolePropagation } from '../shared/propagation-retry';
import { nameTakenMessage } from '../shared/resource-kind';

/**
 * Starts the job (or finds the one this request already started) and returns
 * its ARN. Throws a CapacityRefusal when Bedrock has no free slot for it.
 */
export async function startJob(request: CreateModelCustomizationJobCommandInput, names: ResolvedJobNames): Promise<string> {
  let jobArn: string | undefined;
  try {
    ({ jobArn } = await createRetryingRolePropagation(request, names));
  } catch (e) {
    refuseIfQuotaExceeded(e, `Creating model customization job '${names.jobName}'`);
    if (!isConflict(e)) throw new Error(describeError(e, `Creating model customization job '${names.jobName}'`));
    return adoptConflictingJob(request, names);
  }
  if (!jobArn) throw new Error(`Creating model customization job '${names.jobName}' failed: Bedrock returned no jobArn`);
  return jobArn;
}

function createRetryingRolePropagation(request: CreateModelCustomizationJobCommandInput, names: ResolvedJobNames) {
  return retryingRolePropagation(request.roleArn, () => callBedrock('CreateModelCustomizationJob', names.jobName,
    client => client.send(new CreateModelCustomizationJobCommand(request))));
}

async function adoptConflictingJob(request: CreateModelCustomizationJobCommandInput, names: ResolvedJobNames): Promise<string> {
  // jobIdentifier takes a name as well as an ARN.
  const existing = await readJob(names.jobName);
  if (!existing) {
    // No job of that name: the conflict is about the custom model name.
    throw new Error(nameTakenMessage('custom model', { name: names.customModelName, generated: names.customModelNameGenerated }, 'customModelName'));
  }
  if (existing.clientRequestToken === request.clientRequestToken) {
    log.info('Adopting the job this request already created (same clientRequestToken)', { jobArn: existing.jobArn });
    return existing.jobArn!;
  }
  if (names.jobNameGenerated) {
    // The name derives from this RequestId, so only a retry of this request can have created it.
    log.info('Adopting the job with the name generated for this request', { jobArn: existing.jobArn });
    return existing.jobArn!;
  }
  throw new Error(nameTakenMessage('model customization job', { name: names.jobName, generated: false }, 'jobName'));
}
