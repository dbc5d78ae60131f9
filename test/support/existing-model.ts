/*
 * A custom model that exists outside the app, known by ARN and name, with an
 * origin (customizationType) when a test gives one.
 */
import { Construct } from 'constructs';
import { CustomizationType, CustomModelBase } from '../../src';

export class ExistingModel extends CustomModelBase {
  constructor(
    scope: Construct,
    id: string,
    public readonly modelArn: string,
    public readonly customModelName: string,
    public readonly customizationType?: CustomizationType,
  ) {
    super(scope, id);
  }
}
