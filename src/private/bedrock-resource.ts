import { CfnDeletionPolicy, CfnResource, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { ResourceTags } from './resource-tags';
import { SlotQueue } from './slot-queue';
import { propError } from './synth-errors';
import { BedrockRemovalPolicy } from '../contract/common';
import { RESOURCE_KINDS, ResourceKindName } from '../contract/registry';

export interface BedrockResourceProps {
  readonly kind: ResourceKindName;
  readonly serviceToken: string;
  /** The tags of its Bedrock resources: rendered into their tag properties, checked once aspects have run. */
  readonly tags: ResourceTags;
  /** The resource's properties, but the removal policy. */
  readonly properties: { readonly [key: string]: unknown };
  /** What happens to the Bedrock resource on Delete (see bedrockRemovalPolicy). */
  readonly removalPolicy: BedrockRemovalPolicy;
  /** What the removal policy keeps or deletes, in messages: 'the custom model'. */
  readonly removes: string;
  /** Why the resource must always be deleted, in messages: 'deleting or replacing it stops a running job'. */
  readonly deletedSo?: string;
}

/**
 * The custom resource of a Bedrock resource whose handler decides what a
 * Delete removes. The resource itself keeps `DeletionPolicy: Delete` (so
 * CloudFormation always tells the handler when it goes away; synthesis fails
 * if anything changes that), and a removal policy applied to it, by
 * `applyRemovalPolicy` or `RemovalPolicies.of()`, goes to the handler as its
 * `removalPolicy` property: RETAIN (the default) keeps the Bedrock resource,
 * DESTROY deletes it; SNAPSHOT is refused.
 */
export class BedrockResource extends CfnResource {
  /** The handler's removal policy, read when the template is rendered. */
  private readonly handlerPolicy: { value: BedrockRemovalPolicy };
  private readonly owner: Construct;

  constructor(owner: Construct, id: string, props: BedrockResourceProps) {
    const handlerPolicy = { value: props.removalPolicy };
    super(owner, id, {
      type: RESOURCE_KINDS[props.kind].resourceType,
      properties: {
        ServiceToken: props.serviceToken,
        ...props.properties,
        // The props' tags with those of Tags.of(), which aspects apply during synthesis.
        ...props.tags.renderAll(),
        removalPolicy: Lazy.string({ produce: () => handlerPolicy.value }),
      },
    });
    this.handlerPolicy = handlerPolicy;
    this.owner = owner;
    // A create may wait for a free Bedrock slot: the stack's queue, the kind's rules and its watcher must be ready for it.
    if ('queue' in RESOURCE_KINDS[props.kind]) this.node.addDependency(SlotQueue.of(owner).readyFor(props.kind));
    this.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
    this.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
    owner.node.addValidation({ validate: () => props.tags.validate() });
    owner.node.addValidation({
      validate: () => this.alwaysDeleted() ? [] : [
        `The DeletionPolicy and UpdateReplacePolicy of ${this.node.path} must stay Delete`
        + `${props.deletedSo ? `, so that ${props.deletedSo}` : ''}; use removalPolicy (or applyRemovalPolicy) to keep or delete ${props.removes} instead`,
      ],
    });
  }

  /** Sets what the handler does with the Bedrock resource on Delete. */
  public applyRemovalPolicy(policy?: RemovalPolicy): void {
    this.handlerPolicy.value = bedrockRemovalPolicy(this.owner, policy);
  }

  /** Whether CloudFormation sends Delete both on deletion and after a replacement. */
  private alwaysDeleted(): boolean {
    return this.cfnOptions.deletionPolicy === CfnDeletionPolicy.DELETE
      && this.cfnOptions.updateReplacePolicy === CfnDeletionPolicy.DELETE;
  }
}

/**
 * What the handler of `owner` does with its Bedrock resource on Delete, for a
 * removal policy (RETAIN when undefined). Constructs check their prop with it
 * first, before they build anything.
 */
export function bedrockRemovalPolicy(owner: Construct, policy: RemovalPolicy = RemovalPolicy.RETAIN): BedrockRemovalPolicy {
  switch (policy) {
    case RemovalPolicy.DESTROY:
      return 'destroy';
    case RemovalPolicy.RETAIN:
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return 'retain';
    default:
      throw propError(owner, `removalPolicy ${policy} is not supported`, 'Use RemovalPolicy.RETAIN or RemovalPolicy.DESTROY');
  }
}
