import { aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CustomModelBase } from '../custom-model';
import { CustomizationType } from '../customization';

/** The custom model a resource made, known by its attributes (the output model of a job that was waited for). */
export class CompletedModel extends CustomModelBase {
  public readonly modelArn: string;
  public readonly customModelName: string;
  public readonly customizationType?: CustomizationType;
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, attributes: {
    modelArn: string; customModelName: string; customizationType?: CustomizationType; encryptionKey?: kms.IKey;
  }) {
    super(scope, id);
    this.modelArn = attributes.modelArn;
    this.customModelName = attributes.customModelName;
    this.customizationType = attributes.customizationType;
    this.encryptionKey = attributes.encryptionKey;
  }
}
