/*
 * A kind's descriptor says where each prop lands in the request (its request
 * tables, which the synth-time checks read); the handler builds that request.
 * For every prop with a property, the request the handler plans holds the
 * property's value at the prop's path: the two cannot drift apart.
 */
import { deploymentProperties } from './custom-model-deployment/handler-fixtures';
import { CREATE_REQUEST_ID, LOGICAL_ID, STACK_ID } from './lambda/fixtures';
import { modelImportProperties } from './model-import-job/handler-fixtures';
import { importProperties } from './nova-model-import/handler-fixtures';
import { throughputProperties } from './provisioned-throughput/handler-fixtures';
import { planDeployment } from '../lambda/custom-model-deployment/deployment';
import { DEPLOYMENT } from '../lambda/custom-model-deployment/properties';
import { planImportJob } from '../lambda/model-import-job/create-job';
import { MODEL_IMPORT } from '../lambda/model-import-job/properties';
import { planImport } from '../lambda/nova-model-import/create-model';
import { IMPORT } from '../lambda/nova-model-import/properties';
import { THROUGHPUT } from '../lambda/provisioned-throughput/properties';
import { planThroughput } from '../lambda/provisioned-throughput/throughput';
import type { ResourceKindEntry } from '../src/contract/kind';
import { RESOURCE_KINDS, ResourceKindName } from '../src/contract/registry';

const ID = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID, requestId: CREATE_REQUEST_ID };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The value at a dotted path; undefined when a step is missing. */
const valueAt = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);

/** Each kind: the request its handler plans from properties that set every prop of its table. */
const PLANNED: Array<[ResourceKindName, () => { props: object; request: object }]> = [
  ['modelImport', () => {
    const props = MODEL_IMPORT.decode(modelImportProperties({
      jobName: 'llama-import',
      importedModelName: 'llama-model',
      importedModelKmsKeyArn: KEY,
      vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
    }));
    return { props, request: planImportJob(ID, props).request };
  }],
  ['novaImport', () => {
    const props = IMPORT.decode(importProperties({ modelName: 'nova-model', modelKmsKeyArn: KEY }));
    return { props, request: planImport(ID, props).request };
  }],
  ['deployment', () => {
    const props = DEPLOYMENT.decode(deploymentProperties({ modelDeploymentName: 'support' }));
    return { props, request: planDeployment(ID, props).request };
  }],
  ['throughput', () => {
    const props = THROUGHPUT.decode(throughputProperties({ provisionedModelName: 'support', commitmentDuration: 'OneMonth' }));
    return { props, request: planThroughput(ID, props).request };
  }],
];

test.each(PLANNED)('%s: every prop of the request table is where the handler puts its property', (kind, plan) => {
  const entry: ResourceKindEntry = RESOURCE_KINDS[kind];
  const { props, request } = plan();
  const checked = entry.requests!.flatMap((table) => Object.entries(table.props).filter(([, p]) => p.property !== undefined)
    .map(([prop, { path }]) => [prop, valueAt(request, path)] as const)
    .map(([prop, sent]) => {
      const { property } = table.props[prop];
      expect({ prop, sent }).toEqual({ prop, sent: valueAt(props, property!) });
      return sent;
    }));
  // Every checked property was set, so that a path pointing nowhere cannot pass as undefined = undefined.
  expect(checked.every((sent) => sent !== undefined)).toBe(true);
  expect(checked.length).toBeGreaterThan(0);
});
