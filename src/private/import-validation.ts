import { MAX_TAGS_PER_RESOURCE } from './constraints';
import { CustomModelImportResourceProperties } from './contract';
import { checkValue } from './validation';

/** The request whose constraints the import's props must meet. */
export const IMPORT_REQUEST = 'CreateCustomModelRequest';

/** Where each prop lands in the request: read by synth-time validation and its coverage test. */
export const IMPORT_PROP_PATHS = {
  'modelName': 'modelName',
  'modelSource': 'modelSourceConfig.s3DataSource.s3Uri',
  'role': 'roleArn',
  'encryptionKey': 'modelKmsKeyArn',
  'modelTags': 'modelTags',
  'modelTags.key': 'modelTags[].key',
  'modelTags.value': 'modelTags[].value',
} as const;

export type ImportProp = keyof typeof IMPORT_PROP_PATHS;

/** Checks the request the import will send and throws one error listing every violation. */
export function validateImportRequest(p: CustomModelImportResourceProperties): void {
  const errors: string[] = [];
  const check = (prop: ImportProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(IMPORT_REQUEST, IMPORT_PROP_PATHS[prop], value, label));

  check('modelName', p.modelName);
  check('modelSource', p.modelSourceS3Uri);
  check('role', p.roleArn, 'role (its ARN)');
  check('encryptionKey', p.modelKmsKeyArn, 'encryptionKey (its ARN)');
  errors.push(...checkValue(IMPORT_REQUEST, IMPORT_PROP_PATHS.modelTags, p.modelTags, 'modelTags', { shallow: true }));
  if (p.modelTags && p.modelTags.length > MAX_TAGS_PER_RESOURCE) {
    errors.push(`modelTags must have at most ${MAX_TAGS_PER_RESOURCE} tags, the most Bedrock accepts on one resource (got ${p.modelTags.length})`);
  }
  p.modelTags?.forEach((t) => {
    check('modelTags.key', t.key, `modelTags key "${t.key}"`);
    check('modelTags.value', t.value, `modelTags["${t.key}"]`);
  });
  if (errors.length) {
    throw new Error(`Invalid CustomModelImport props:\n  ${errors.join('\n  ')}`);
  }
}

/** What is wrong with the `Tags.of()` tags of an import once aspects have run. */
export function validateImportTags(tags: { [key: string]: string }, count: number): string[] {
  const errors: string[] = [];
  if (count > MAX_TAGS_PER_RESOURCE) {
    errors.push(`The custom model would have ${count} tags (modelTags and Tags.of()); Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource`);
  }
  for (const [key, value] of Object.entries(tags)) {
    errors.push(...checkValue(IMPORT_REQUEST, IMPORT_PROP_PATHS['modelTags.key'], key, `Tags.of() key "${key}"`));
    errors.push(...checkValue(IMPORT_REQUEST, IMPORT_PROP_PATHS['modelTags.value'], value, `Tags.of() tag "${key}"`));
  }
  return errors;
}
