/*
 * The provenance tags the constructs add to every Bedrock resource they
 * create, as the templates and Bedrock hold them.
 */
import { PROVENANCE_TAG_KEYS, ResourceTag } from '../../src/contract/common';

/** The provenance tags of the construct at `constructPath`, in a stack named after the path's first part by default. */
export function provenanceTags(constructPath: string, stackName = constructPath.split('/')[0]): ResourceTag[] {
  return [
    { key: PROVENANCE_TAG_KEYS.constructPath, value: constructPath },
    { key: PROVENANCE_TAG_KEYS.stack, value: stackName },
  ];
}

/** `tags` with the provenance tags of the construct at `constructPath`, sorted by key as the template has them. */
export function withProvenance(constructPath: string, tags: readonly ResourceTag[] = [], stackName?: string): ResourceTag[] {
  return [...tags, ...provenanceTags(constructPath, stackName)].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
