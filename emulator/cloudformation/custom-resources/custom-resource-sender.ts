import { randomUUID } from 'crypto';
import { Clock, sleepUntil } from '../clock';
import { errorMessage } from '../errors';
import { CustomResourceRequest, RequestType, responseUrl, stringifyProperties } from './request';
import { interpretResponse, NO_RESPONSE_REASON, Outcome } from './response';
import { ResponseInbox, ResponseUpload } from './response-inbox';
import { ASYNC_ATTEMPT_DELAYS_MS } from '../lambda/async-invocation';
import { LocalLambda } from '../lambda/local-lambda';
import { StackIdentity } from '../stack/identity';
import { LocalStepFunctions } from '../stepfunctions/local-step-functions';

/** One request to a custom resource. */
export interface SendInput {
  /** The stack of the resource (its StackId is sent). */
  readonly stack: StackIdentity;
  readonly requestType: RequestType;
  readonly logicalId: string;
  readonly resourceType: string;
  /** ResourceProperties (ServiceToken included), resolved; stringified when sent. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly oldProperties?: Readonly<Record<string, unknown>>;
  readonly physicalResourceId?: string;
  /** Default: a fresh UUID. The same RequestId for the same resource reuses the same response URL, as a redelivery does. */
  readonly requestId?: string;
}

/** A request, the uploads to its response URL made after it was sent, and what CloudFormation made of them. */
export interface Exchange {
  readonly request: CustomResourceRequest;
  readonly sentAt: Date;
  readonly serviceTimeoutSeconds: number;
  readonly responses: readonly ResponseUpload[];
  readonly outcome: Outcome;
}

export interface SenderServices {
  readonly lambda: LocalLambda;
  readonly stepFunctions: LocalStepFunctions;
  readonly responses: ResponseInbox;
  readonly clock: Clock;
  /** Whether the last upload by the time the response is read counts, rather than the first (AWS does not say). */
  readonly lastResponseCounts?: boolean;
}

/** CloudFormation's default and maximum wait for a custom resource's response. */
const MAX_SERVICE_TIMEOUT_SECONDS = 3600;

/**
 * Sends requests to custom resources as CloudFormation does: invokes the
 * ServiceToken function asynchronously, lets the executions it started run,
 * and waits for the response at the response URL until ServiceTimeout.
 */
export class CustomResourceSender {
  public readonly exchanges: Exchange[] = [];
  private readonly urls = new Map<string, string>();

  constructor(private readonly services: SenderServices) {}

  public async send(input: SendInput): Promise<Exchange> {
    const { clock, responses } = this.services;
    const identity = input.stack;
    const requestId = input.requestId ?? randomUUID();
    const properties = stringifyProperties(input.properties) as Record<string, unknown>;
    const request: CustomResourceRequest = {
      RequestType: input.requestType,
      ServiceToken: String(properties.ServiceToken ?? ''),
      ResponseURL: this.responseUrl(identity, input.logicalId, requestId),
      StackId: identity.stackId,
      RequestId: requestId,
      LogicalResourceId: input.logicalId,
      ...(input.physicalResourceId === undefined ? {} : { PhysicalResourceId: input.physicalResourceId }),
      ResourceType: input.resourceType,
      ResourceProperties: properties,
      ...(input.oldProperties === undefined ? {} : { OldResourceProperties: stringifyProperties(input.oldProperties) as Record<string, unknown> }),
    };
    const timeout = properties.ServiceTimeout === undefined ? MAX_SERVICE_TIMEOUT_SECONDS : Number(properties.ServiceTimeout);
    const sentAt = clock.now();
    const answeredBefore = responses.uploadsTo(request.ResponseURL).length;
    const outcome = await this.deliver(request, timeout, sentAt + timeout * 1000, answeredBefore);
    const exchange: Exchange = {
      request,
      sentAt: new Date(sentAt),
      serviceTimeoutSeconds: timeout,
      responses: responses.uploadsTo(request.ResponseURL).slice(answeredBefore),
      outcome,
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  private async deliver(request: CustomResourceRequest, timeout: number, deadline: number, answeredBefore: number): Promise<Outcome> {
    const { lambda, stepFunctions, responses, clock } = this.services;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_SERVICE_TIMEOUT_SECONDS) {
      return { status: 'FAILED', reason: `ServiceTimeout must be a whole number of seconds from 1 to ${MAX_SERVICE_TIMEOUT_SECONDS}` };
    }
    if (!/^arn:[^:]+:lambda:/.test(request.ServiceToken)) {
      return { status: 'FAILED', reason: `ServiceToken ${request.ServiceToken} is not a Lambda function ARN; the local engine runs Lambda-backed custom resources only` };
    }
    const uploads = () => responses.uploadsTo(request.ResponseURL).slice(answeredBefore);
    // The last one counts only if it came in time; else the first decides, as it would have.
    const last = () => uploads().filter((u) => u.receivedAt.getTime() <= deadline).at(-1);
    const answer = () => (this.services.lastResponseCounts ? last() : undefined) ?? uploads()[0];
    for (const delay of ASYNC_ATTEMPT_DELAYS_MS) {
      if (delay > 0) {
        if (clock.now() + delay >= deadline) break;
        await clock.sleep(delay);
      }
      let output;
      try {
        output = await lambda.invoke(request.ServiceToken, JSON.stringify(request), 'Event');
      } catch (error) {
        return { status: 'FAILED', reason: `Could not invoke the ServiceToken function: ${errorMessage(error)}` };
      }
      // The waiter of a Provider with isComplete: CloudFormation stops listening at ServiceTimeout.
      await stepFunctions.runQueued(() => answer() !== undefined || clock.now() >= deadline);
      if (answer() !== undefined || !output.FunctionError) break;
    }
    const upload = answer();
    if (upload === undefined || upload.receivedAt.getTime() > deadline) {
      await sleepUntil(clock, deadline);
      return { status: 'FAILED', reason: NO_RESPONSE_REASON };
    }
    return interpretResponse(request, upload);
  }

  /** The response URL of a request; a redelivery (same resource, same RequestId) gets the same one. */
  private responseUrl(identity: StackIdentity, logicalId: string, requestId: string): string {
    const key = `${identity.stackId}|${logicalId}|${requestId}`;
    const url = this.urls.get(key) ?? responseUrl(identity.region, identity.stackId, logicalId, requestId, new Date(this.services.clock.now()));
    this.urls.set(key, url);
    return url;
  }
}
