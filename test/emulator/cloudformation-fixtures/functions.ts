/*
 * The Lambda functions of the engine's fixture stacks: Node.js 22, 30
 * seconds, code from a folder beside this file, and the logical id given,
 * so that tests name them.
 */
import * as path from 'path';
import { CfnResource, Duration, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Function `id` (its logical id too) running `index.<entry>` of ./<folder>. */
export function fixtureFunction(
  scope: Construct, id: string, folder: string, entry: string, environment?: Record<string, string>,
): lambda.Function {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    code: lambda.Code.fromAsset(path.join(__dirname, folder)),
    handler: `index.${entry}`,
    timeout: Duration.seconds(30),
    environment,
  });
  (fn.node.defaultChild as CfnResource).overrideLogicalId(id);
  return fn;
}
