/*
 * Stacks with one NovaModelImport, for the lifecycle tests.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ModelSource, NovaModelImport, NovaModelImportProps } from '../../src';
import { deployable, newStack } from '../lifecycle/harness';

export const SOURCE = 's3://sagemaker-us-east-1-123456789012/nova/output/model/';

export function importStack(overrides: Partial<NovaModelImportProps> = {}) {
  return deployable(new NovaModelImport(newStack(), 'Import', {
    modelSource: ModelSource.fromS3Uri(SOURCE),
    modelTags: { team: 'support' },
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout: Duration.minutes(30),
    ...overrides,
  }));
}
