import { CustomResourceRequest, CustomResourceResponse } from './request';
import { ResponseUpload } from './response-inbox';

/** What CloudFormation makes of a custom resource's answer. */
export type Outcome =
  | { readonly status: 'SUCCESS'; readonly physicalResourceId: string; readonly data: Readonly<Record<string, unknown>>; readonly noEcho: boolean }
  | { readonly status: 'FAILED'; readonly reason: string; readonly physicalResourceId?: string };

/** CloudFormation's limit on a response body. */
const MAX_RESPONSE_BYTES = 4096;

/** CloudFormation's reason when no response came within ServiceTimeout. */
export const NO_RESPONSE_REASON = 'Custom Resource failed to stabilize in expected time. '
  + 'If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.';

/** Reads a response body as CloudFormation does, with its validation and its wording of failures. */
export function interpretResponse(request: CustomResourceRequest, upload: ResponseUpload): Outcome {
  if (Buffer.byteLength(upload.body) > MAX_RESPONSE_BYTES) return { status: 'FAILED', reason: 'Response object is too long.' };
  let response: CustomResourceResponse;
  try {
    response = JSON.parse(upload.body) as CustomResourceResponse;
  } catch {
    return { status: 'FAILED', reason: `Invalid response object: the body is not JSON: ${upload.body.slice(0, 200)}` };
  }
  const mismatch = (['StackId', 'RequestId', 'LogicalResourceId'] as const).find((key) => response[key] !== request[key]);
  if (mismatch) return { status: 'FAILED', reason: `Invalid response object: ${mismatch} ${JSON.stringify(response[mismatch])} does not match the request's` };

  if (response.Status === 'FAILED') {
    return {
      status: 'FAILED',
      reason: `Received response status [FAILED] from custom resource. Message returned: ${response.Reason ?? ''} (RequestId: ${request.RequestId})`,
      physicalResourceId: response.PhysicalResourceId || undefined,
    };
  }
  if (response.Status !== 'SUCCESS') return { status: 'FAILED', reason: `Invalid response object: Status ${JSON.stringify(response.Status)} is neither SUCCESS nor FAILED` };
  if (!response.PhysicalResourceId) return { status: 'FAILED', reason: 'Invalid PhysicalResourceId' };
  return { status: 'SUCCESS', physicalResourceId: response.PhysicalResourceId, data: response.Data ?? {}, noEcho: response.NoEcho === true };
}
