// Post-destroy check of integ.model-import.ts: deleting the stack deleted the imported model, and the import job
// stays, readable and Completed, naming the model it created (ledger L-21: DeleteImportedModel says nothing of the
// job, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteImportedModel.html; import jobs have no
// delete). The job is the newest whose name holds the first argument (the stack and the job's logical id).
// Run by integ-runner (from test/integ) with the test's credentials and Region; exits 1 if the job is gone or its
// model is left.
'use strict';
const { BedrockClient, GetImportedModelCommand, GetModelImportJobCommand, ListModelImportJobsCommand } = require('@aws-sdk/client-bedrock');

const bedrock = new BedrockClient({});
const fail = (message) => {
  console.error(message);
  process.exit(1);
};

(async () => {
  const nameContains = process.argv[2];
  const { modelImportJobSummaries = [] } = await bedrock.send(new ListModelImportJobsCommand({ nameContains, sortBy: 'CreationTime', sortOrder: 'Descending', maxResults: 1 }));
  if (modelImportJobSummaries.length === 0) fail(`No model import job named like ${nameContains} is listed.`);
  const job = await bedrock.send(new GetModelImportJobCommand({ jobIdentifier: modelImportJobSummaries[0].jobArn }));
  if (job.status !== 'Completed' || !job.importedModelArn) fail(`The import job ${job.jobName} is ${job.status}, importedModelArn ${job.importedModelArn}.`);
  const model = await bedrock.send(new GetImportedModelCommand({ modelIdentifier: job.importedModelArn })).catch((error) => error);
  if (model.name !== 'ResourceNotFoundException') fail(`The imported model ${job.importedModelArn} is left (${model.name ?? 'readable'}).`);
  console.log(`The import job ${job.jobName} stays, Completed; its model is deleted.`);
})().catch((error) => fail(String(error)));
