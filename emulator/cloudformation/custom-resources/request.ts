import { createHash } from 'crypto';
import { urlSuffixOf } from '../../shared/region';

export type RequestType = 'Create' | 'Update' | 'Delete';

/** The event CloudFormation sends to a custom resource's ServiceToken. */
export interface CustomResourceRequest {
  readonly RequestType: RequestType;
  readonly ServiceToken: string;
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
  readonly PhysicalResourceId?: string;
}

/** What a custom resource PUTs to the response URL. */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId?: string;
  readonly StackId?: string;
  readonly RequestId?: string;
  readonly LogicalResourceId?: string;
  readonly NoEcho?: boolean;
  readonly Data?: Record<string, unknown>;
}

/** CloudFormation hands properties to custom resources with every scalar as a string (`true` → "true", 3 → "3"). */
export function stringifyProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyProperties);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyProperties(v)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/**
 * A presigned URL in CloudFormation's response bucket for the region, its key
 * `<stack id>|<logical id>|<request id>`. Only unreserved characters and
 * percent escapes, so that it reads back unchanged however it is parsed.
 */
export function responseUrl(region: string, stackId: string, logicalId: string, requestId: string, signedAt: Date): string {
  const key = [stackId, logicalId, requestId].map(encodeURIComponent).join('%7C');
  const date = signedAt.toISOString().replace(/[-:]|\.\d+/g, '');
  const query = [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    `X-Amz-Date=${date}`,
    'X-Amz-SignedHeaders=host',
    'X-Amz-Expires=7200',
    `X-Amz-Credential=LOCALCLOUDFORMATION%2F${date.slice(0, 8)}%2F${region}%2Fs3%2Faws4_request`,
    `X-Amz-Signature=${createHash('sha256').update(key + date).digest('hex')}`,
  ].join('&');
  return `https://cloudformation-custom-resource-response-${region.replace(/-/g, '')}.s3.${region}.${urlSuffixOf(region)}/${key}?${query}`;
}
