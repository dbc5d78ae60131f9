/*
 * The shape of a CloudFormation template, as far as the engine reads it.
 */

/** A template value: a literal, or an intrinsic function (an object with one `Ref`, `Fn::*` or `Condition` key). */
export type TemplateValue = unknown;

export interface ResourceDefinition {
  readonly Type: string;
  readonly Properties?: Record<string, TemplateValue>;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: unknown;
}

export interface ParameterDefinition {
  readonly Type: string;
  readonly Default?: string | number;
  readonly AllowedValues?: readonly string[];
  readonly NoEcho?: boolean | string;
}

export interface OutputDefinition {
  readonly Value: TemplateValue;
  /** Exports the value to the account and Region under this name, for Fn::ImportValue (stack/exports.ts). */
  readonly Export?: { readonly Name: TemplateValue };
  readonly Condition?: string;
  readonly Description?: string;
}

export interface RuleDefinition {
  readonly RuleCondition?: TemplateValue;
  readonly Assertions: readonly { readonly Assert: TemplateValue; readonly AssertDescription?: string }[];
}

export interface Template {
  readonly Parameters?: Record<string, ParameterDefinition>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, TemplateValue>;
  readonly Rules?: Record<string, RuleDefinition>;
  readonly Resources: Record<string, ResourceDefinition>;
  readonly Outputs?: Record<string, OutputDefinition>;
}

export const CUSTOM_RESOURCE_TYPE = 'AWS::CloudFormation::CustomResource';

/** `AWS::CloudFormation::CustomResource` and every `Custom::*` type are sent to their ServiceToken. */
export function isCustomResourceType(type: string): boolean {
  return type === CUSTOM_RESOURCE_TYPE || type.startsWith('Custom::');
}

/** `DependsOn` as a list. */
export function explicitDependencies(definition: ResourceDefinition): string[] {
  const dependsOn = definition.DependsOn;
  if (dependsOn === undefined) return [];
  return Array.isArray(dependsOn) ? dependsOn : [dependsOn];
}
