import * as https from 'https';
import { PassThrough, Writable } from 'stream';
import { ResponseInbox } from './response-inbox';

/*
 * A Lambda-backed custom resource that answers by itself (cfn-response, the
 * integ-tests assertion provider, any handler of its own) PUTs its response
 * to the presigned URL with Node's `https`. The engine gives such code an
 * `https` whose requests to CloudFormation's response buckets land in the
 * engine's inbox, as an upload to S3 would; every other request goes out as
 * usual (the SDK reaches the local services over plain http).
 */

/** CloudFormation's response buckets, one per Region: the ResponseURL is a presigned S3 URL (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html, cfn-lambda-function-code-cfnresponsemodule.html). */
const RESPONSE_HOST = /^cloudformation-custom-resource-response-[a-z0-9]+\.s3[.-]/;

type RequestCallback = (response: PassThrough & { statusCode: number; headers: Record<string, string> }) => void;

/** `https` for a function's code: the response buckets answered by the engine. */
export function responseUrlHttps(responses: ResponseInbox): typeof https {
  const request = (...args: unknown[]) => {
    const target = requestTarget(args);
    if (target === undefined || !RESPONSE_HOST.test(target.host)) return (https.request as (...a: unknown[]) => unknown)(...args);
    const callback = args.find((arg): arg is RequestCallback => typeof arg === 'function');
    return uploadRequest(`https://${target.host}${target.path}`, target.method, responses, callback);
  };
  return { ...https, request } as unknown as typeof https;
}

interface Target {
  readonly host: string;
  readonly path: string;
  readonly method: string;
}

/** The host, path and method of `https.request(url | options, [options], [callback])`. */
function requestTarget(args: readonly unknown[]): Target | undefined {
  const [first, second] = args;
  const options = (typeof second === 'object' && second !== null ? second : {}) as { method?: string };
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(String(first));
    return { host: url.hostname, path: url.pathname + url.search, method: options.method ?? 'GET' };
  }
  if (typeof first !== 'object' || first === null) return undefined;
  const given = first as { hostname?: string; host?: string; path?: string; method?: string };
  const host = given.hostname ?? given.host?.replace(/:\d+$/, '');
  return host === undefined ? undefined : { host, path: given.path ?? '/', method: given.method ?? 'GET' };
}

/** A ClientRequest stand-in: collects the body, stores it at `end()` and answers 200 as S3 does to a PUT. */
function uploadRequest(url: string, method: string, responses: ResponseInbox, callback?: RequestCallback): Writable {
  const chunks: Buffer[] = [];
  const request = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  request.on('finish', () => {
    if (method !== 'PUT') {
      request.emit('error', new Error(`Unexpected ${method} to the response URL ${url.split('?')[0]}`));
      return;
    }
    responses.receive(url, Buffer.concat(chunks).toString('utf8'));
    const response = Object.assign(new PassThrough(), { statusCode: 200, statusMessage: 'OK', headers: {} as Record<string, string> });
    response.end();
    callback?.(response);
    request.emit('response', response);
    request.emit('close');
  });
  // What callers of a ClientRequest set and expect to be able to call.
  return Object.assign(request, { setTimeout: () => request, setHeader: () => undefined, abort: () => request.destroy() });
}
