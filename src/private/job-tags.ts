import { IResolvable, Lazy, TagManager, TagType } from 'aws-cdk-lib';
import { MAX_TAGS_PER_RESOURCE } from './constraints';
import { ResourceTag } from './contract';
import { JOB_PROP_PATHS, JOB_REQUEST } from './job-validation';
import { checkValue } from './validation';

type TagMap = { [key: string]: string };

/**
 * The tags of a job and of its custom model. `Tags.of()` tags (through
 * `manager`) go to both; `jobTags` and `customModelTags` add to them and win
 * for the same key. Aspects apply `Tags.of()` tags during synthesis, so the
 * lists are rendered lazily and checked in a validation.
 */
export class JobTags {
  public readonly manager: TagManager;

  constructor(resourceType: string, private readonly jobTags: TagMap = {}, private readonly modelTags: TagMap = {}) {
    this.manager = new TagManager(TagType.MAP, resourceType);
  }

  /** The job's tags, sorted by key. */
  public job(): ResourceTag[] {
    return toTagList({ ...this.manager.tagValues(), ...this.jobTags }) ?? [];
  }

  /** The custom model's tags, sorted by key. */
  public model(): ResourceTag[] {
    return toTagList({ ...this.manager.tagValues(), ...this.modelTags }) ?? [];
  }

  /** Whether the job or the model has a tag, so creating the job needs bedrock:TagResource. */
  public any(): boolean {
    return this.job().length > 0 || this.model().length > 0;
  }

  /** The job's tags for the template: absent when none. */
  public renderJob(): IResolvable {
    return Lazy.any({ produce: () => toTagList({ ...this.manager.tagValues(), ...this.jobTags }) });
  }

  /** The model's tags for the template: absent when none. */
  public renderModel(): IResolvable {
    return Lazy.any({ produce: () => toTagList({ ...this.manager.tagValues(), ...this.modelTags }) });
  }

  /** What is wrong with the tags once aspects have run: the count per resource, and each `Tags.of()` tag. */
  public validate(): string[] {
    const errors: string[] = [];
    const count = (what: string, props: string, n: number) => {
      if (n > MAX_TAGS_PER_RESOURCE) {
        errors.push(`The ${what} would have ${n} tags (${props} and Tags.of()); Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource`);
      }
    };
    count('job', 'jobTags', this.job().length);
    count('custom model', 'customModelTags', this.model().length);
    for (const [key, value] of Object.entries(this.manager.tagValues())) {
      errors.push(...checkValue(JOB_REQUEST, JOB_PROP_PATHS['jobTags.key'], key, `Tags.of() key "${key}"`));
      errors.push(...checkValue(JOB_REQUEST, JOB_PROP_PATHS['jobTags.value'], value, `Tags.of() tag "${key}"`));
    }
    return errors;
  }
}

/**
 * Tags as the Bedrock API takes them, sorted by key so the template does not
 * depend on object order; undefined when there are none.
 */
export function toTagList(tags: TagMap = {}): ResourceTag[] | undefined {
  const keys = Object.keys(tags).sort();
  return keys.length ? keys.map((key) => ({ key, value: tags[key] })) : undefined;
}
