import * as fs from 'fs';
import * as path from 'path';
import type { Context } from 'aws-lambda';
import { Clock } from '../clock';
import { randomHex } from '../random';
import { LambdaRuntimeError } from './errors';
import { FunctionConfig } from './function-config';
import { ModuleLoader, ModuleLoaderOptions } from './module-loader';

export type Handler = (event: unknown, context: Context, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/**
 * One execution environment of a function: its own module instances, loaded
 * at the first invocation and kept for the next ones (a warm container), until
 * the function's configuration changes.
 */
export class ExecutionEnvironment {
  public readonly logStreamName: string;
  private readonly loader: ModuleLoader;
  private handler?: Handler;

  constructor(public readonly config: FunctionConfig, loaderOptions: ModuleLoaderOptions, clock: Clock) {
    this.loader = new ModuleLoader(config.codeDirectory, loaderOptions);
    const day = new Date(clock.now()).toISOString().slice(0, 10).replace(/-/g, '/');
    this.logStreamName = `${day}/[$LATEST]${randomHex(32)}`;
  }

  /** The handler function, loaded on first use (Lambda's init phase; a failed init is tried again next time). */
  public handlerFunction(): Handler {
    if (this.handler) return this.handler;
    const handlerName = this.config.handler;
    // `dir/file.export.nested`: the module is up to the first dot after the last slash.
    const dot = handlerName.indexOf('.', handlerName.lastIndexOf('/') + 1);
    if (dot < 0) throw new LambdaRuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerName}: missing the export name`);
    const moduleName = handlerName.slice(0, dot);
    const filename = this.loader.find(moduleName);
    if (filename === undefined) {
      const esm = fs.existsSync(path.join(this.config.codeDirectory, `${moduleName}.mjs`));
      throw new LambdaRuntimeError('Runtime.ImportModuleError', esm
        ? `Error: ${moduleName}.mjs is an ES module; the local engine loads CommonJS handlers only`
        : `Error: Cannot find module '${moduleName}' in ${this.config.codeDirectory}`);
    }
    const handler = handlerName.slice(dot + 1).split('.').reduce<unknown>(
      (scope, key) => (scope as Record<string, unknown> | undefined)?.[key], this.loader.load(filename));
    if (typeof handler !== 'function') throw new LambdaRuntimeError('Runtime.HandlerNotFound', `${handlerName} is undefined or not exported`);
    this.handler = handler as Handler;
    return this.handler;
  }
}
