/*
 * Wait condition handles: the presigned URL CloudFormation gives as the
 * handle's Ref, here a URL of the engine's local services, and the signals
 * PUT to it (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html):
 * `{"Status": "SUCCESS" | "FAILURE", "Reason", "UniqueId", "Data"}`, with an
 * empty or no Content-Type (the URL's signature covers it).
 *
 * The URL is an S3 presigned URL that expires: real handle URLs carry
 * `X-Amz-Expires=86399`, counted from the handle's creation, and the lifetime
 * cannot be changed (https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1842).
 * A signal after it gets S3's answer to an expired presigned request: 403
 * AccessDenied, "Request has expired"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html).
 */
import { escapeXml } from '../../shared/xml';
import { Clock } from '../clock';
import { randomHex } from '../random';

export interface WaitConditionSignal {
  readonly status: 'SUCCESS' | 'FAILURE';
  readonly uniqueId: string;
  readonly reason: string;
  readonly data: string;
  readonly receivedAt: Date;
}

export interface WaitConditionHandle {
  readonly url: string;
  /** When the handle was created (engine time): its URL expires a lifetime later. */
  readonly createdAt: number;
  readonly stackId: string;
  readonly logicalId: string;
  /**
   * By UniqueId, in the order received. A signal with a UniqueId already seen
   * is taken as a retransmission and ignored
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html).
   */
  readonly signals: Map<string, WaitConditionSignal>;
}

/** An HTTP answer, S3's way (an XML error document). */
export interface HandleAnswer {
  readonly status: number;
  readonly body: string;
}

/** Plenty for a signal; S3 would take more, CloudFormation would not read it. */
const MAX_SIGNAL_BYTES = 1024 * 1024;
export const HANDLE_PATH = '/cloudformation-waitcondition/';
/** The `X-Amz-Expires` of real handle URLs: just under a day. */
const HANDLE_URL_LIFETIME_SECONDS = 86_399;

export class WaitConditionHandles {
  /** By path and query (the part of the URL the server sees). */
  private readonly handles = new Map<string, WaitConditionHandle>();

  /**
   * @param lifetimeSeconds how long a handle's URL takes signals (Infinity: for ever)
   * @param acceptsContentType whether a PUT with a Content-Type is a signal too (else 403, as a signature covering the header would answer)
   */
  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds = HANDLE_URL_LIFETIME_SECONDS,
    private readonly acceptsContentType = false,
  ) {}

  /** A new handle: its URL, under `endpoint`, names the stack and the resource, and is unique. */
  public create(endpoint: string, stackId: string, logicalId: string): WaitConditionHandle {
    const path = `${HANDLE_PATH}${encodeURIComponent(`${stackId}/${logicalId}`)}?X-Amz-Expires=${this.expiresParameter()}&Signature=${randomHex(40)}`;
    const handle: WaitConditionHandle = { url: `${endpoint}${path}`, createdAt: this.clock.now(), stackId, logicalId, signals: new Map() };
    this.handles.set(path, handle);
    return handle;
  }

  public find(url: unknown): WaitConditionHandle | undefined {
    return typeof url === 'string' ? [...this.handles.values()].find((h) => h.url === url) : undefined;
  }

  public remove(url: string): void {
    for (const [path, handle] of this.handles) if (handle.url === url) this.handles.delete(path);
  }

  /** A request to a handle's URL (`path` with its query). */
  public receive(method: string, path: string, contentType: string | undefined, body: Buffer): HandleAnswer {
    const handle = this.handles.get(path);
    if (!handle) return error(404, 'NoSuchKey', 'No wait condition handle has this URL (it was deleted, or never created).');
    if (this.clock.now() - handle.createdAt > this.lifetimeSeconds * 1000) return error(403, 'AccessDenied', 'Request has expired');
    if (method !== 'PUT') return error(405, 'MethodNotAllowed', `A wait condition handle takes PUT, not ${method}.`);
    if (!this.acceptsContentType && contentType !== undefined && contentType !== '') {
      return error(403, 'SignatureDoesNotMatch', `The Content-Type header must be empty or omitted (got "${contentType}"): the URL's signature does not cover one.`);
    }
    if (body.length > MAX_SIGNAL_BYTES) return error(400, 'EntityTooLarge', `A signal is at most ${MAX_SIGNAL_BYTES} bytes.`);
    const parsed = parseSignal(body.toString('utf8'));
    if (typeof parsed === 'string') return error(400, 'MalformedSignal', parsed);
    // A UniqueId seen before is a retransmission: the first signal stands.
    if (!handle.signals.has(parsed.uniqueId)) handle.signals.set(parsed.uniqueId, { ...parsed, receivedAt: new Date(this.clock.now()) });
    return { status: 200, body: '' };
  }

  private expiresParameter(): number {
    return Number.isFinite(this.lifetimeSeconds) ? this.lifetimeSeconds : HANDLE_URL_LIFETIME_SECONDS;
  }
}

/** The signal, or why it is malformed. */
function parseSignal(text: string): Omit<WaitConditionSignal, 'receivedAt'> | string {
  let signal: Record<string, unknown>;
  try {
    signal = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'The signal is not JSON: {"Status": "SUCCESS" | "FAILURE", "Reason": "...", "UniqueId": "...", "Data": "..."}';
  }
  if (signal === null || typeof signal !== 'object' || Array.isArray(signal)) return 'The signal is not a JSON object.';
  if (signal.Status !== 'SUCCESS' && signal.Status !== 'FAILURE') return `Status must be SUCCESS or FAILURE (got ${JSON.stringify(signal.Status)}).`;
  if (typeof signal.UniqueId !== 'string' || signal.UniqueId === '') return 'UniqueId must be a non-empty string.';
  for (const field of ['Reason', 'Data']) {
    if (signal[field] !== undefined && typeof signal[field] !== 'string') return `${field} must be a string.`;
  }
  return { status: signal.Status, uniqueId: signal.UniqueId, reason: (signal.Reason as string) ?? '', data: (signal.Data as string) ?? '' };
}

function error(status: number, code: string, message: string): HandleAnswer {
  return { status, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` };
}
