import * as fs from 'fs';
import { ValidationError } from '../errors';

/** A deployed Lambda function, as the local Lambda service runs it. */
export interface FunctionConfig {
  /** The stack that declares the function. */
  readonly stackName: string;
  readonly logicalId: string;
  readonly functionName: string;
  readonly functionArn: string;
  /** The folder the function's code was unpacked to (the asset folder). */
  readonly codeDirectory: string;
  /** `file.export`, relative to the code folder. */
  readonly handler: string;
  readonly runtime: string;
  /** Environment.Variables. */
  readonly variables: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly logGroupName: string;
}

/** Lambda's defaults for properties the template leaves out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_SIZE_MB = 128;

/**
 * The configuration of an `AWS::Lambda::Function` from its resolved
 * properties, its code found by `assetPath`; fails when it cannot run here.
 */
export function functionConfig(
  assetPath: (objectKey: string) => string,
  resource: { readonly stackName: string; readonly logicalId: string; readonly physicalId: string; readonly arn: string },
  properties: Readonly<Record<string, unknown>>,
): FunctionConfig {
  const where = `function ${resource.logicalId}`;
  const code = (properties.Code ?? {}) as Record<string, unknown>;
  if (typeof code.S3Key !== 'string') {
    throw new ValidationError(`${where}: only code from an asset (Code.S3Key) runs locally, not ${Object.keys(code).join(', ') || 'no Code'}`);
  }
  const codeDirectory = assetPath(code.S3Key);
  if (!fs.statSync(codeDirectory).isDirectory()) throw new ValidationError(`${where}: the asset ${code.S3Key} is an archive (${codeDirectory}); only folder assets run locally`);
  const runtime = String(properties.Runtime ?? '');
  if (!runtime.startsWith('nodejs')) throw new ValidationError(`${where}: runtime ${runtime || '(none)'} is not supported; only Node.js functions run locally`);
  if (typeof properties.Handler !== 'string') throw new ValidationError(`${where}: Handler is missing`);

  const variables = ((properties.Environment ?? {}) as { Variables?: Record<string, unknown> }).Variables ?? {};
  const logGroup = ((properties.LoggingConfig ?? {}) as { LogGroup?: unknown }).LogGroup;
  return {
    stackName: resource.stackName,
    logicalId: resource.logicalId,
    functionName: resource.physicalId,
    functionArn: resource.arn,
    codeDirectory,
    handler: properties.Handler,
    runtime,
    variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])),
    timeoutSeconds: Number(properties.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
    memorySizeMb: Number(properties.MemorySize ?? DEFAULT_MEMORY_SIZE_MB),
    logGroupName: typeof logGroup === 'string' ? logGroup : `/aws/lambda/${resource.physicalId}`,
  };
}
