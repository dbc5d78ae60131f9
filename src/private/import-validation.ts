import { CustomModelImportResourceProperties } from './contract/import';
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

/** What is wrong with the request the import will send (the tags aside: ResourceTags checks them). */
export function validateImportRequest(p: Omit<CustomModelImportResourceProperties, 'removalPolicy'>): string[] {
  const errors: string[] = [];
  const check = (prop: ImportProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(IMPORT_REQUEST, IMPORT_PROP_PATHS[prop], value, label));

  check('modelName', p.modelName);
  check('modelSource', p.modelSourceS3Uri);
  check('role', p.roleArn, 'role (its ARN)');
  check('encryptionKey', p.modelKmsKeyArn, 'encryptionKey (its ARN)');
  return errors;
}
