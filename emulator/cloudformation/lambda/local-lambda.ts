import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';
import { Clock } from '../clock';
import { lambdaContext } from './context';
import { withEngineTime } from './engine-time';
import { withEnvironment } from './environment';
import { errorPayload, functionNotFound, LambdaErrorPayload, LambdaRuntimeError } from './errors';
import { ExecutionEnvironment, Handler } from './execution-environment';
import { FunctionConfig } from './function-config';
import { LogLevel, LogLine, LogWriter, withCapturedLogs } from './log-capture';
import { ModuleLoaderOptions } from './module-loader';

/** Lambda's Invoke response, as the SDK returns it. */
export interface InvokeOutput {
  readonly StatusCode: number;
  readonly FunctionError?: 'Unhandled';
  readonly ExecutedVersion: string;
  /** The JSON of the result, or of a LambdaErrorPayload when FunctionError is set. */
  readonly Payload: Uint8Array;
}

export type InvocationType = 'RequestResponse' | 'Event';

/** One invocation: what the function received, returned or threw, and what it logged. */
export interface Invocation {
  /** The stack that declares the function. */
  readonly stackName: string;
  readonly functionLogicalId: string;
  readonly functionName: string;
  readonly invocationType: InvocationType;
  readonly requestId: string;
  readonly event: unknown;
  readonly startedAt: Date;
  readonly logs: LogLine[];
  result?: unknown;
  error?: LambdaErrorPayload;
}

export interface LocalLambdaOptions {
  readonly clock: Clock;
  readonly region: string;
  /** Added to every function's environment, over everything else. */
  readonly environment: Readonly<Record<string, string>>;
  /** Whether handlers read the engine's clock through `Date` (see withEngineTime). */
  readonly engineTime: boolean;
  /** How to load a function's code (the Provider framework's is connected to the local services). */
  readonly moduleLoaderFor: (config: FunctionConfig) => ModuleLoaderOptions;
  readonly onLog?: (functionName: string, line: LogLine) => void;
  /** Variables of the engine's local services (their endpoints), under the caller's `environment`. */
  readonly serviceEnvironment?: () => Readonly<Record<string, string>>;
}

/** Credentials of the kind Lambda gives a function (the engine's are fake; an emulator accepts any). */
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIALOCALCLOUDFORMATION',
  AWS_SECRET_ACCESS_KEY: 'local-cloudformation-engine-secret-access-key',
  AWS_SESSION_TOKEN: 'local-cloudformation-engine-session-token',
};

/**
 * The functions of the stack, invoked in-process as Lambda would: the
 * function's environment and nothing else in `process.env`, a Lambda context,
 * the console going to the invocation's log, errors shaped as the Node.js
 * runtime reports them, the function's timeout enforced.
 */
export class LocalLambda {
  public readonly invocations: Invocation[] = [];
  private readonly functions = new Map<string, ExecutionEnvironment>();
  /** Set inside an invocation: a call from there (the Provider framework invoking a handler) nests in it. */
  private readonly inside = new AsyncLocalStorage<true>();
  /** The end of the invocations queued so far: others wait for it (see invoke). */
  private tail: Promise<void> = Promise.resolve();
  /** Invocations under way from the queue (not nested ones). */
  private running = 0;

  constructor(private readonly options: LocalLambdaOptions) {}

  /** Deploys a function, or a new configuration of one (with a fresh execution environment, as Lambda does). */
  public deploy(config: FunctionConfig): void {
    this.functions.set(config.functionName, new ExecutionEnvironment(config, this.options.moduleLoaderFor(config), this.options.clock));
  }

  public remove(functionName: string): void {
    this.functions.delete(functionName);
  }

  /** The function a name or ARN (qualified or not) designates, if deployed. */
  public find(target: string): FunctionConfig | undefined {
    return this.functions.get(functionNameOf(target))?.config;
  }

  /**
   * Invokes a function; throws (as the SDK would) when it does not exist.
   * Invocations set the process's environment, console and `Date` while they
   * run, so one waits for another to end, unless it is made from inside it.
   */
  public async invoke(target: string, payload: string, invocationType: InvocationType = 'RequestResponse'): Promise<InvokeOutput> {
    if (this.inside.getStore()) return this.invokeNow(target, payload, invocationType);
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => { release = resolve; });
    await previous;
    this.running += 1;
    try {
      return await this.inside.run(true, () => this.invokeNow(target, payload, invocationType));
    } finally {
      this.running -= 1;
      release();
    }
  }

  /**
   * An Invoke through the engine's HTTP API. Its callers are functions, and the request reaches the server outside
   * their invocation's context: made while an invocation runs, it nests in it, as a call from inside does.
   */
  public invokeOverHttp(target: string, payload: string, invocationType: InvocationType): Promise<InvokeOutput> {
    return this.running > 0 ? this.invokeNow(target, payload, invocationType) : this.invoke(target, payload, invocationType);
  }

  /**
   * Runs `start`, what a function started through the engine's API (a stack operation that goes on after the call
   * answers), so that the invocations it makes nest in the invocation running, as an Invoke over HTTP does: queued,
   * they would wait for the function that waits for them.
   */
  public nestedInRunning<T>(start: () => T): T {
    return this.running > 0 ? this.inside.run(true, start) : start();
  }

  private async invokeNow(target: string, payload: string, invocationType: InvocationType): Promise<InvokeOutput> {
    const environment = this.functions.get(functionNameOf(target));
    if (!environment) throw functionNotFound(target);
    const { config } = environment;
    const invocation: Invocation = {
      stackName: config.stackName,
      functionLogicalId: config.logicalId,
      functionName: config.functionName,
      invocationType,
      requestId: randomUUID(),
      // A copy of its own: handlers may change the event they get (the Provider framework does).
      event: JSON.parse(payload || '{}'),
      startedAt: new Date(this.options.clock.now()),
      logs: [],
    };
    this.invocations.push(invocation);
    const write = (message: string, level?: LogLevel) => {
      const line = { timestamp: new Date(this.options.clock.now()), message, ...(level ? { level } : {}) };
      invocation.logs.push(line);
      this.options.onLog?.(config.functionName, line);
    };
    const run = () => this.run(environment, invocation, write);
    await withEnvironment(this.variables(environment), () => withCapturedLogs(write, () =>
      this.options.engineTime ? withEngineTime(this.options.clock, run) : run()));

    const statusCode = invocationType === 'Event' ? 202 : 200;
    const body = invocation.error ?? invocation.result;
    return {
      StatusCode: statusCode,
      ExecutedVersion: '$LATEST',
      Payload: new TextEncoder().encode(JSON.stringify(body) ?? 'null'),
      ...(invocation.error ? { FunctionError: 'Unhandled' as const } : {}),
    };
  }

  private async run(environment: ExecutionEnvironment, invocation: Invocation, write: LogWriter): Promise<void> {
    const { config } = environment;
    const context = lambdaContext(config, invocation.requestId, environment.logStreamName, this.options.clock);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LambdaRuntimeError('Sandbox.Timedout',
        `RequestId: ${invocation.requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`)), config.timeoutSeconds * 1000);
    });
    try {
      const event = JSON.parse(JSON.stringify(invocation.event));
      const result = await Promise.race([callHandler(environment.handlerFunction(), event, context), timeout]);
      // The result leaves the function as JSON, as it would over the wire.
      invocation.result = JSON.parse(JSON.stringify(result) ?? 'null');
    } catch (error) {
      invocation.error = errorPayload(error, config.codeDirectory);
      write(`Invoke Error \t${JSON.stringify({ ...invocation.error, stack: invocation.error.trace })}`, 'ERROR');
    } finally {
      clearTimeout(timer);
    }
  }

  /** The function's environment: its variables, Lambda's own, and the engine caller's. */
  private variables({ config, logStreamName }: ExecutionEnvironment): Record<string, string> {
    return {
      ...config.variables,
      ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
      LANG: 'en_US.UTF-8',
      LAMBDA_TASK_ROOT: config.codeDirectory,
      _HANDLER: config.handler,
      AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
      AWS_REGION: this.options.region,
      AWS_DEFAULT_REGION: this.options.region,
      AWS_LAMBDA_FUNCTION_NAME: config.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
      AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
      AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
      ...CREDENTIALS,
      ...this.options.serviceEnvironment?.(),
      ...this.options.environment,
    };
  }
}

/** `name`, `arn:...:function:name`, `account:function:name` or any with a `:qualifier` → `name`. */
export function functionNameOf(target: string): string {
  const arn = /^(?:arn:[^:]+:lambda:[^:]*:)?[^:]*:function:([^:]+)/.exec(target);
  return arn ? arn[1] : target.split(':')[0];
}

/** Calls an async handler, or a callback-style one (three parameters). */
function callHandler(handler: Handler, event: unknown, context: Parameters<Handler>[1]): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, result) => (error ? reject(error) : resolve(result)));
    if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
  });
}
