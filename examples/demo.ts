/*
 * Synthesizes the example app and prints, for each custom resource, the
 * Bedrock request its handler would send on Create: the template's properties
 * go through the handler's own decoder and request builder, as CloudFormation
 * would deliver them (scalars as strings); values known only at deploy time
 * show as <placeholders>.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { buildExampleApp } from './app';
import { decodeJobProperties } from '../lambda/model-customization-job/properties';
import { planCreate } from '../lambda/model-customization-job/request';
import type { ResourceTypeName } from '../src/private/contract';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How each custom resource type turns its properties into a Bedrock request. */
// Keyed by every resource type of the contract, so a new kind cannot be left out.
const REQUEST_BUILDERS: Record<ResourceTypeName, (id: Identity, properties: unknown) => { operation: string; request: unknown }> = {
  'Custom::BedrockModelCustomizationJob': (id, properties) => ({
    operation: 'CreateModelCustomizationJob',
    request: planCreate(id, decodeJobProperties(properties)).request,
  }),
};

interface Identity {
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly requestId: string;
}

function main(): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-'));
  try {
    const { app, stack } = buildExampleApp(outdir);
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template;
    const resources: Record<string, { Type: string; Properties: Json }> = template.Resources;
    const stackId = `arn:aws:cloudformation:<region>:<account>:stack/${stack.stackName}/<stack-guid>`;
    const paths = new Map(stack.node.findAll().filter(CfnResource.isCfnResource).map((r) => [stack.getLogicalId(r), r.node.path]));

    let count = 0;
    for (const [logicalId, resource] of Object.entries(resources)) {
      const build = REQUEST_BUILDERS[resource.Type as ResourceTypeName];
      if (!build) continue;
      count++;
      const properties = asDelivered(withPlaceholders(resource.Properties));
      const { operation, request } = build({ stackId, logicalResourceId: logicalId, requestId: '<request-id>' }, properties);
      console.log(`\n${resource.Type} ${logicalId} (${paths.get(logicalId)})`);
      console.log(`${operation} ${JSON.stringify(request, null, 2)}`);
    }
    console.log(`\n${count} custom resources in ${stack.stackName}; names and tokens derive from <request-id>, fixed by CloudFormation at deploy time.`);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Replaces CloudFormation intrinsics with readable placeholders. */
function withPlaceholders(value: Json): Json {
  if (Array.isArray(value)) return value.map(withPlaceholders);
  if (value === null || typeof value !== 'object') return value;
  const [key] = Object.keys(value);
  const arg = value[key];
  if (Object.keys(value).length === 1) {
    if (key === 'Ref') return `<${arg}>`;
    if (key === 'Fn::GetAtt') return `<${(arg as string[]).join('.')}>`;
    if (key === 'Fn::Join') {
      const [sep, parts] = arg as [string, Json[]];
      return parts.map((p) => String(withPlaceholders(p))).join(sep);
    }
    if (key === 'Fn::Sub') return String(arg).replace(/\$\{([^}]+)\}/g, '<$1>');
    if (key.startsWith('Fn::')) return `<${key}>`;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlaceholders(v)]));
}

/** CloudFormation delivers every scalar of custom resource properties as a string. */
function asDelivered(value: Json): Json {
  if (Array.isArray(value)) return value.map(asDelivered);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDelivered(v)]));
  }
  return value === null ? value : String(value);
}

try {
  main();
} catch (e) {
  console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
