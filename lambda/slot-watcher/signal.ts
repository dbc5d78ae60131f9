/*
 * Signals a wait condition handle: an HTTP PUT of a JSON object (Status,
 * Reason, UniqueId, Data) to its presigned URL, without a Content-Type, as
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html
 * shows it with curl. CloudFormation takes a second signal with the same
 * UniqueId as a retransmission, so signalling twice for a job is harmless.
 *
 * The URL is a presigned S3 URL that expires a day after the handle's
 * creation (X-Amz-Expires=86399, not configurable:
 * https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1842),
 * and a deleted handle's is gone: S3 answers 403 or 404, which means the
 * condition is done or gone, not a failure to signal it.
 *
 * The URL is a credential for the handle: it is never logged.
 */
import * as http from 'http';
import * as https from 'https';

export interface WaitConditionSignal {
  readonly Status: 'SUCCESS' | 'FAILURE';
  readonly Reason: string;
  readonly UniqueId: string;
  readonly Data: string;
}

/** What the handle's URL answered: taken, or no longer there for a signal (with the HTTP status). */
export type SignalOutcome = { readonly taken: true } | { readonly taken: false; readonly status: 403 | 404 };

/** Signals the handle; throws on any other answer (EventBridge and Lambda then try again). */
export async function signalHandle(url: string, signal: WaitConditionSignal): Promise<SignalOutcome> {
  const body = JSON.stringify(signal);
  const transport = new URL(url).protocol === 'http:' ? http : https;
  return new Promise<SignalOutcome>((resolve, reject) => {
    const request = transport.request(url, { method: 'PUT', headers: { 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ taken: true });
        else if (status === 403 || status === 404) resolve({ taken: false, status });
        else reject(new Error(`Signalling the wait condition handle failed: HTTP ${status}`));
      });
    });
    request.on('error', (e) => reject(new Error(`Signalling the wait condition handle failed: ${e.message}`)));
    request.end(body);
  });
}
