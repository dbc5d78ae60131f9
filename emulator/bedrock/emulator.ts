/*
 * A local Amazon Bedrock control plane that the real @aws-sdk/client-bedrock
 * talks to over HTTP (restJson1), for tests. Requests are routed and
 * validated from the constraints fixture; jobs and models follow plans in
 * emulated time; faults are injected per test. A local S3 (`s3`, its own
 * port) comes with it: completed jobs write their metrics files there.
 * Dev-only: not shipped.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { Account } from './arns';
import { Capacity } from './capacity';
import { FoundationModelCatalog } from './catalog';
import { emulatorEnvironment } from './client';
import { EmulatedClock } from './clock';
import { dispatch, DispatchContext, RecordedCall, RecordedViolation } from './dispatch';
import { BedrockEvents } from './events';
import { FaultInjector } from './faults';
import { S3Emulator } from '../s3';
import { routesFor } from './http/routes';
import { IamPropagation } from './iam-propagation';
import { IamRoles } from '../shared/iam-roles';
import { KINDS, KindStores } from './kinds/registry';
import { BedrockRuntime, RecordedRuntimeCall } from './runtime';
import { createState, EmulatorState, StateOptions } from './state';
import { TagStore } from './tags';
import { CONSTRAINTS } from '../../src/contract/constraints';
import { createLoopbackServer } from '../shared/loopback-server';

export interface BedrockEmulatorOptions extends StateOptions {
  /** Default: us-east-1. */
  readonly region?: string;
  /** Default: 123456789012. */
  readonly accountId?: string;
  /** Default: a free port. The emulator listens on 127.0.0.1 only. */
  readonly port?: number;
  /** The port of the S3 emulator (`s3`). Default: a free port. */
  readonly s3Port?: number;
}

/**
 * Every registered kind's store, by its name (`emulator.jobs`, `emulator.customModels`...; kinds/list.ts):
 * getters defined from the list below, typed by this merged interface.
 */
export interface BedrockEmulator extends KindStores {}

export class BedrockEmulator {
  static {
    for (const [name] of KINDS) {
      Object.defineProperty(BedrockEmulator.prototype, name, {
        get(this: BedrockEmulator) {
          return this.state[name];
        },
      });
    }
  }

  /** Starts an emulator listening on 127.0.0.1. */
  public static async start(options: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
    // S3 keeps Bedrock's emulated time (LastModified), read when it is needed, from the state of that moment.
    let emulator: BedrockEmulator | undefined;
    const s3 = await S3Emulator.start({ port: options.s3Port, region: options.region, now: () => emulator!.clock.now() });
    emulator = new BedrockEmulator(options, s3);
    const server = emulator.server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', resolve);
      });
    } catch (e) {
      await s3.stop();
      throw e;
    }
    return emulator;
  }

  public readonly region: string;
  public readonly accountId: string;
  /** Faults for the requests to come (see FaultInjector). */
  public readonly faults = new FaultInjector();
  /** bedrock-runtime (InvokeModel, Converse) on the same server; addResolver() adds a kind of endpoint. */
  public readonly runtime: BedrockRuntime;
  private readonly server: Server;
  private state: EmulatorState;
  private recordedCalls: RecordedCall[] = [];
  private recordedViolations: RecordedViolation[] = [];

  /**
   * The local S3 on its own port: `s3.endpoint` for an S3Client (or
   * AWS_ENDPOINT_URL_S3, set by emulatorEnvironment); `s3.put/get/keys` and
   * `s3.faults` in-process. Completed jobs write their metrics files here.
   */
  public readonly s3: S3Emulator;

  /**
   * The account's IAM roles with their trust policies (the options' `iamRoles`, or the emulator's own): give them to
   * the local CloudFormation engine (its `iamRoles`) so that a create passing a role of a stack that Bedrock may not
   * assume is refused. IAM is outside Bedrock: reset() keeps them.
   */
  public readonly iamRoles: IamRoles;
  private readonly options: BedrockEmulatorOptions;

  private constructor(options: BedrockEmulatorOptions, s3: S3Emulator) {
    this.iamRoles = options.iamRoles ?? new IamRoles();
    this.options = { ...options, iamRoles: this.iamRoles };
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.s3 = s3;
    this.state = createState(this.account, this.options, s3);
    const context: DispatchContext = {
      routes: routesFor(CONSTRAINTS.operations),
      faults: this.faults,
      state: () => this.state,
      record: (call) => this.recordedCalls.push(call),
      recordViolations: (violations) => this.recordedViolations.push(...violations),
    };
    this.runtime = new BedrockRuntime(() => this.state);
    for (const [name, kind] of KINDS) {
      if (kind.endpoints) this.runtime.addResolver(kind.endpoints(() => this.state[name]));
    }
    // No Date on any answer (see createLoopbackServer), the runtime's HTTP/2 answers likewise (BedrockRuntime.listenHttp2).
    this.server = createLoopbackServer((req, res) => {
      // A failure here is the emulator's own bug or a client gone away: end the exchange either way.
      (this.runtime.claims(req) ? this.runtime.handle(req, res) : dispatch(context, req, res)).catch(() => res.destroy());
    });
    this.runtime.listenHttp2(this.server); // the runtime client speaks HTTP/2 (runtime/h2c.ts)
  }

  /** The URL to give the SDK as `endpoint` (or AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL_BEDROCK_RUNTIME). */
  public get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  public get account(): Account {
    return { region: this.region, accountId: this.accountId };
  }

  /** Every request received since start or reset, in arrival order. */
  public get calls(): readonly RecordedCall[] {
    return this.recordedCalls;
  }

  /** Every bedrock-runtime request since start or reset: not in `calls`, as no handler infers. */
  public get runtimeCalls(): readonly RecordedRuntimeCall[] {
    return this.runtime.calls;
  }

  /** Every broken rule of the constraints fixture since start or reset. */
  public get violations(): readonly RecordedViolation[] {
    return this.recordedViolations;
  }

  /** The calls of one operation. */
  public callsTo(operation: RecordedCall['operation']): RecordedCall[] {
    return this.recordedCalls.filter((c) => c.operation === operation);
  }

  /** The EventBridge events of job status changes, for the local CloudFormation engine (an EventSource). */
  public get events(): BedrockEvents {
    return this.state.events;
  }

  /**
   * What a local CloudFormation engine takes to run stacks against this emulator (its options
   * `environment`, `eventSources` and `iamRoles`): the endpoints in its functions' environment, the emulator's
   * events on its default bus, and the account's roles, which the engine records and Bedrock reads.
   */
  public engineOptions(): { environment: Record<string, string>; eventSources: BedrockEvents[]; iamRoles: IamRoles } {
    return { environment: emulatorEnvironment(this), eventSources: [this.events], iamRoles: this.iamRoles };
  }

  /**
   * The account's concurrency limits (2 customization jobs, 1 import by
   * default; `limits` and `rules` change per test) and the slots held over time.
   */
  public get capacity(): Capacity {
    return this.state.capacity;
  }

  public get tags(): TagStore {
    return this.state.tags;
  }

  public get foundationModels(): FoundationModelCatalog {
    return this.state.catalog;
  }

  public get clock(): EmulatedClock {
    return this.state.clock;
  }

  public get iam(): IamPropagation {
    return this.state.iam;
  }

  /**
   * Back to the state of a fresh start (same options and endpoint, the start's capacity limits and rules): every kind's
   * store built anew (no jobs, models, deployments, throughputs, logging configuration or plans), and no events, tags,
   * faults, calls, runtime calls or violations, and an empty S3 (no buckets, objects, S3 faults or S3 calls).
   * The objects behind every kind's store, events, capacity, clock... are new ones.
   */
  public reset(): void {
    this.state = createState(this.account, this.options, this.s3);
    this.s3.reset();
    this.faults.clear();
    this.recordedCalls = [];
    this.recordedViolations = [];
    this.runtime.clearCalls();
  }

  public async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Clients keep connections alive: close them, or close() waits for them to time out.
    this.server.closeAllConnections();
    this.runtime.closeConnections();
    await Promise.all([closed, this.s3.stop()]);
  }
}
