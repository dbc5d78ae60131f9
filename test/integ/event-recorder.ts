/*
 * An EventBridge rule on the default bus whose target, a function of the test
 * stack (./functions/event-recorder), records what each matched event names
 * in a bucket, for assertions to read back.
 */
import * as path from 'path';
import { aws_events as events, aws_events_targets as targets, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct, DependencyGroup, IDependable } from 'constructs';

/** Where the recorder writes: under `prefix`, by job name and status, or every event at `key`. */
export type RecordedAt = { readonly prefix: string } | { readonly key: string };

/**
 * Records the events `eventPattern` matches in `bucket`. The rule and the function, with the permission that lets
 * the rule invoke it, are the dependable returned: what must not send an event before they exist depends on it.
 */
export function recordEvents(scope: Construct, id: string, bucket: s3.IBucket, eventPattern: events.EventPattern, at: RecordedAt): IDependable {
  const recorder = new lambda.Function(scope, `${id}Recorder`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'event-recorder')),
    handler: 'index.handler',
    environment: { BUCKET: bucket.bucketName, ...('key' in at ? { KEY: at.key } : { PREFIX: at.prefix }) },
  });
  bucket.grantPut(recorder, 'key' in at ? at.key : `${at.prefix}*`);
  const rule = new events.Rule(scope, id, { eventPattern, targets: [new targets.LambdaFunction(recorder)] });
  return new DependencyGroup(rule, recorder);
}
