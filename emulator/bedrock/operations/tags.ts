/* Tagging operations; on a model another account shares, refused (CustomModels.checkTagAccess). */
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from './handler';

export const TAG_OPERATIONS: {
  TagResource: Handler<TagResourceRequest, TagResourceResponse>;
  UntagResource: Handler<UntagResourceRequest, UntagResourceResponse>;
  ListTagsForResource: Handler<ListTagsForResourceRequest, ListTagsForResourceResponse>;
} = {
  TagResource: (state, input) => {
    state.customModels.checkTagAccess('TagResource', input.resourceARN!);
    state.tags.tag(input.resourceARN!, input.tags!);
    return {};
  },
  UntagResource: (state, input) => {
    state.customModels.checkTagAccess('UntagResource', input.resourceARN!);
    state.tags.untag(input.resourceARN!, input.tagKeys!);
    return {};
  },
  ListTagsForResource: (state, input) => {
    state.customModels.checkTagAccess('ListTagsForResource', input.resourceARN!);
    return { tags: state.tags.list(input.resourceARN!) };
  },
};
