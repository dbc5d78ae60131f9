/*
 * A local CloudFormation engine: deploys synthesized CDK stacks in-process,
 * running their Lambda handlers (and the Provider framework) from the cloud
 * assembly's assets.
 */
export { AcceleratedClock, ExternalClock, ScaledClock } from './clock';
export type { Clock, OutsideClock } from './clock';
export type { Exchange } from './custom-resources/custom-resource-sender';
export { stringifyProperties } from './custom-resources/request';
export type { CustomResourceRequest, CustomResourceResponse, RequestType } from './custom-resources/request';
export { NO_RESPONSE_REASON } from './custom-resources/response';
export type { Outcome } from './custom-resources/response';
export type { ResponseUpload } from './custom-resources/response-inbox';
export { ValidationError } from './errors';
export type { DeliveryOutcome, EventDelivery } from './eventbridge/deliveries';
export type { EventRule, RuleState } from './eventbridge/rules';
export type { EventBridgeEvent, EventSource } from '../shared/eventbridge-event';
export type { LogLevel, LogLine } from './lambda/log-capture';
export type { LambdaErrorPayload } from './lambda/errors';
export type { Invocation, InvocationType } from './lambda/local-lambda';
export { LocalCloudFormation } from './local-cloudformation';
export { StackExports } from './stack/exports';
export { AccountStacks } from './services/account-stacks';
export { IamRoles } from '../shared/iam-roles';
export type { RawRequest, StackInput, StackOperationOptions } from './local-cloudformation';
export type { LocalCloudFormationOptions } from './local-cloudformation-options';
export type { OperationResult, ResourceState, ResourceStatus, StackEvent, StackStatus } from './stack/state';
export { StackView } from './stack/stack-view';
export type { Execution, ExecutionStatus } from './stepfunctions/interpreter';
export { synthesize, SynthesizedStack } from './synthesized-stack';
export type { Template } from './template';
