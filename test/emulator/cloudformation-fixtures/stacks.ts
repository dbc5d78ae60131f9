/*
 * Small stacks for the local CloudFormation engine's tests: custom resources
 * of type Custom::Fixture behind two custom-resources Providers, one
 * synchronous and one with an isComplete handler (the waiter), both running
 * the handlers of ./handlers.
 */
import { App, CfnResource, CustomResource, Duration, RemovalPolicy, Stack, custom_resources as cr, cx_api } from 'aws-cdk-lib';
import { fixtureFunction } from './functions';

export const STACK_NAME = 'CloudFormationFixture';
export const RESOURCE_TYPE = 'Custom::Fixture';
/** Logical ids of the handler functions (the framework's keep CDK's). */
export const ON_EVENT_FUNCTION = 'OnEventHandler';
export const IS_COMPLETE_FUNCTION = 'IsCompleteHandler';
/** The waiter's polling: every 10 s for 60 s (6 retries after the first poll). */
export const QUERY_INTERVAL_SECONDS = 10;
export const TOTAL_TIMEOUT_SECONDS = 60;

export interface FixtureResource {
  readonly properties?: Record<string, unknown>;
  /** Behind the Provider with isComplete. */
  readonly waiter?: boolean;
  readonly dependsOn?: readonly string[];
  readonly removalPolicy?: RemovalPolicy;
  readonly serviceTimeout?: Duration;
}

/** Builds and synthesizes a stack holding these custom resources (logical ids as given); `extend` adds more. */
export function synthesizeFixture(
  resources: Readonly<Record<string, FixtureResource>>,
  extend?: (stack: Stack) => void,
): cx_api.CloudFormationStackArtifact {
  const app = new App();
  const stack = new Stack(app, STACK_NAME);
  const handler = (id: string, entry: string) => fixtureFunction(stack, id, 'handlers', entry, { FIXTURE_FUNCTION: id });
  const onEventHandler = handler(ON_EVENT_FUNCTION, 'onEvent');
  const sync = new cr.Provider(stack, 'SyncProvider', { onEventHandler });
  const waiter = new cr.Provider(stack, 'WaiterProvider', {
    onEventHandler,
    isCompleteHandler: handler(IS_COMPLETE_FUNCTION, 'isComplete'),
    queryInterval: Duration.seconds(QUERY_INTERVAL_SECONDS),
    totalTimeout: Duration.seconds(TOTAL_TIMEOUT_SECONDS),
  });

  const created = new Map<string, CustomResource>();
  for (const [id, resource] of Object.entries(resources)) {
    const custom = new CustomResource(stack, id, {
      serviceToken: (resource.waiter ? waiter : sync).serviceToken,
      resourceType: RESOURCE_TYPE,
      properties: resource.properties,
      removalPolicy: resource.removalPolicy,
      serviceTimeout: resource.serviceTimeout,
    });
    (custom.node.defaultChild as CfnResource).overrideLogicalId(id);
    created.set(id, custom);
  }
  for (const [id, resource] of Object.entries(resources)) {
    for (const dependency of resource.dependsOn ?? []) created.get(id)!.node.addDependency(created.get(dependency)!);
  }
  extend?.(stack);
  return app.synth().getStackByName(STACK_NAME);
}
