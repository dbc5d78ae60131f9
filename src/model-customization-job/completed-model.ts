import { CfnResource, aws_kms as kms } from 'aws-cdk-lib';
import { Construct, Dependable } from 'constructs';
import { CustomizationType } from './customization';
import { CustomModelBase } from '../custom-model/custom-model';

/** The custom model a resource made, known by its attributes (the output model of a job that was waited for). */
export class CompletedModel extends CustomModelBase {
  public readonly modelArn: string;
  public readonly customModelName: string;
  public readonly customizationType?: CustomizationType;
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, attributes: {
    modelArn: string;
    customModelName: string;
    customizationType?: CustomizationType;
    encryptionKey?: kms.IKey;
    /** The resource whose completion made the model: depending on the model is waiting for it. */
    completion: CfnResource;
  }) {
    super(scope, id);
    Dependable.implement(this, { dependencyRoots: [attributes.completion] });
    this.modelArn = attributes.modelArn;
    this.customModelName = attributes.customModelName;
    this.customizationType = attributes.customizationType;
    this.encryptionKey = attributes.encryptionKey;
  }
}
