/*
 * Signals a wait condition handle: an HTTP PUT of a JSON object (Status,
 * Reason, UniqueId, Data) to its presigned URL, without a Content-Type, as
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html
 * shows it with curl. CloudFormation takes a second signal with the same
 * UniqueId as a retransmission, so signalling twice for a job is harmless.
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

export async function signalHandle(url: string, signal: WaitConditionSignal): Promise<void> {
  const body = JSON.stringify(signal);
  const transport = new URL(url).protocol === 'http:' ? http : https;
  await new Promise<void>((resolve, reject) => {
    const request = transport.request(url, { method: 'PUT', headers: { 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`Signalling the wait condition handle failed: HTTP ${status}`));
      });
    });
    request.on('error', (e) => reject(new Error(`Signalling the wait condition handle failed: ${e.message}`)));
    request.end(body);
  });
}
