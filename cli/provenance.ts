/*
 * Which stack and construct made a job or a model: the tags every construct
 * of this library puts on the Bedrock resources it creates. ListTagsForResource
 * is one call per resource, so answers are cached for the life of the command
 * (a watch asks only about jobs it has not seen) and a few run at a time.
 */
import { ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import type { Clients } from './context';
import { awsCall, isDenied } from './errors';
import { PROVENANCE_TAG_KEYS } from '../src/contract/common';

export interface Provenance {
  /** The stack's name. */
  readonly stack?: string;
  /** The construct's path, from the stack's root. */
  readonly constructPath?: string;
  /** Every tag of the resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** Set when ListTagsForResource was denied and `deniedAsUntagged` let it pass: the tags are unknown, not absent. */
  readonly tagsUnreadable?: true;
}

export interface ProvenanceOptions {
  /**
   * Take a resource whose tags are denied (AccessDeniedException) as one
   * without tags (`tagsUnreadable`), rather than failing. Default false.
   */
  readonly deniedAsUntagged?: boolean;
}

/** How many ListTagsForResource calls run at once: few, so a large account is not throttled. */
const CONCURRENCY = 4;

export class ProvenanceTags {
  private readonly known = new Map<string, Promise<Provenance>>();

  constructor(private readonly clients: Clients, private readonly options: ProvenanceOptions = {}) {}

  /** The provenance of each ARN, in order. */
  public async of(arns: readonly string[]): Promise<Provenance[]> {
    const results: Provenance[] = new Array(arns.length);
    let next = 0;
    const worker = async () => {
      while (next < arns.length) {
        const i = next++;
        results[i] = await this.one(arns[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, arns.length) }, worker));
    return results;
  }

  public one(arn: string): Promise<Provenance> {
    let found = this.known.get(arn);
    if (!found) {
      found = this.fetch(arn);
      this.known.set(arn, found);
    }
    return found;
  }

  private async fetch(arn: string): Promise<Provenance> {
    // undefined: the tags were denied, and the caller takes that as untagged.
    const answer = await awsCall({ operation: 'ListTagsForResource', action: 'bedrock:ListTagsForResource', resource: arn },
      () => this.clients.bedrock.send(new ListTagsForResourceCommand({ resourceARN: arn })).catch((e: { name?: string }) => {
        // Deleted since it was listed: it is listed without tags, rather than failing the whole listing.
        if (e.name === 'ResourceNotFoundException') return { tags: [] };
        if (this.options.deniedAsUntagged && isDenied(e)) return undefined;
        throw e;
      }));
    const map: Record<string, string> = {};
    answer?.tags?.forEach((t) => { if (t.key !== undefined) map[t.key] = t.value ?? ''; });
    const provenance = { stack: map[PROVENANCE_TAG_KEYS.stack], constructPath: map[PROVENANCE_TAG_KEYS.constructPath], tags: map };
    return answer ? provenance : { ...provenance, tagsUnreadable: true };
  }
}

/** Whether the provenance names this stack (exact name, as CloudFormation shows it). */
export function inStack(p: Provenance, stack: string | undefined): boolean {
  return stack === undefined || p.stack === stack;
}
