import * as fs from 'fs';
import * as path from 'path';
import { cx_api, Stack, Stage } from 'aws-cdk-lib';
import { ValidationError } from './errors';
import { Template } from './template';

/**
 * A stack ready to deploy: its template and where its file assets are on disk
 * (DefaultStackSynthesizer: the stack's asset manifest names, for every object
 * key the template refers to, the asset's source path in the cloud assembly).
 */
export class SynthesizedStack {
  /** The stack synthesized by `app.synth()`. */
  public static fromArtifact(artifact: cx_api.CloudFormationStackArtifact): SynthesizedStack {
    const assets = new Map<string, string>();
    for (const manifest of artifact.dependencies.filter(cx_api.AssetManifestArtifact.isAssetManifestArtifact)) {
      const baseDir = path.dirname(manifest.file);
      for (const file of Object.values(manifest.contents.files ?? {})) {
        if (!file.source.path) continue;
        for (const destination of Object.values(file.destinations)) {
          assets.set(destination.objectKey, path.resolve(baseDir, file.source.path));
        }
      }
    }
    const env = artifact.environment;
    return new SynthesizedStack(artifact.stackName, artifact.template, assets, {
      account: cx_api.UNKNOWN_ACCOUNT === env.account ? undefined : env.account,
      region: cx_api.UNKNOWN_REGION === env.region ? undefined : env.region,
    });
  }

  /** A hand-written template; `assets` maps S3 object keys to local folders. */
  public static fromTemplate(stackName: string, template: Template, assets: Record<string, string> = {}): SynthesizedStack {
    return new SynthesizedStack(stackName, template, new Map(Object.entries(assets)), {});
  }

  private constructor(
    public readonly stackName: string,
    public readonly template: Template,
    private readonly assets: ReadonlyMap<string, string>,
    /** The stack's own environment, when it is not environment-agnostic. */
    public readonly environment: { readonly account?: string; readonly region?: string },
  ) {
    if (!template || typeof template.Resources !== 'object') {
      throw new ValidationError(`Stack ${stackName}: the template has no Resources section`);
    }
  }

  /** The same stack and assets with another template (an edited copy of this one). */
  public withTemplate(template: Template): SynthesizedStack {
    return new SynthesizedStack(this.stackName, template, this.assets, this.environment);
  }

  public hasAsset(objectKey: string): boolean {
    return this.assets.has(objectKey);
  }

  /** The local path of the asset uploaded as `objectKey`. */
  public assetPath(objectKey: string): string {
    const assetPath = this.assets.get(objectKey);
    if (!assetPath) throw new ValidationError(`Stack ${this.stackName}: no asset with the object key ${objectKey} in the asset manifest`);
    if (!fs.existsSync(assetPath)) throw new ValidationError(`Stack ${this.stackName}: the asset ${objectKey} is missing from the cloud assembly (${assetPath})`);
    return assetPath;
  }
}

/** Synthesizes the app of `stack` and returns the stack's artifact. */
export function synthesize(stack: Stack): cx_api.CloudFormationStackArtifact {
  const stage = Stage.of(stack);
  if (!stage) throw new ValidationError(`Stack ${stack.stackName} is not in an App or Stage`);
  return stage.synth().getStackArtifact(stack.artifactId);
}
