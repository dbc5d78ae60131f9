/*
 * DynamoDB's errors as it sends them: HTTP status, a JSON body with `__type`
 * (`com.amazonaws.dynamodb.v20120810#<Name>`; validation and serialization
 * errors come from DynamoDB's request layer, `com.amazon.coral.validate#` and
 * `com.amazon.coral.service#`) and `message`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 * The SDK names the exception after the `#`.
 */

export type DynamoDBErrorName =
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'ConditionalCheckFailedException'
  | 'ProvisionedThroughputExceededException'
  | 'ThrottlingException'
  | 'RequestLimitExceeded'
  | 'InternalServerError';

interface ErrorSpec {
  readonly status: number;
  readonly namespace: string;
  readonly message: string;
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';

/** Status, namespace and default message (the API reference's "Common Errors" and each operation's "Errors"). */
export const DYNAMODB_ERRORS: Readonly<Record<DynamoDBErrorName, ErrorSpec>> = {
  ValidationException: { status: 400, namespace: 'com.amazon.coral.validate', message: 'One or more parameter values were invalid' },
  SerializationException: { status: 400, namespace: 'com.amazon.coral.service', message: 'Start of structure or map found where not expected.' },
  UnknownOperationException: { status: 400, namespace: 'com.amazon.coral.service', message: '' },
  ResourceNotFoundException: { status: 400, namespace: DYNAMODB, message: 'Requested resource not found' },
  ResourceInUseException: { status: 400, namespace: DYNAMODB, message: 'Resource in use' },
  ConditionalCheckFailedException: { status: 400, namespace: DYNAMODB, message: 'The conditional request failed' },
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#API_PutItem_Errors
  ProvisionedThroughputExceededException: {
    status: 400,
    namespace: DYNAMODB,
    message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  // On-demand tables throttle too (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingThrottling.html).
  ThrottlingException: { status: 400, namespace: DYNAMODB, message: 'Rate of requests exceeds the allowed throughput.' },
  RequestLimitExceeded: {
    status: 400,
    namespace: DYNAMODB,
    message: 'Throughput exceeds the current throughput limit for your account. Please contact AWS Support at https://aws.amazon.com/support request a limit increase',
  },
  InternalServerError: { status: 500, namespace: DYNAMODB, message: 'Internal server error' },
};

export class DynamoDBError extends Error {
  constructor(
    public readonly code: DynamoDBErrorName,
    message?: string,
    /** Members of the body besides `__type` and `message` (ConditionalCheckFailedException's `Item`). */
    public readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message ?? DYNAMODB_ERRORS[code].message);
    this.name = code;
  }

  public get status(): number {
    return DYNAMODB_ERRORS[this.code].status;
  }

  public body(): Record<string, unknown> {
    return { __type: `${DYNAMODB_ERRORS[this.code].namespace}#${this.code}`, message: this.message, ...this.extra };
  }
}

export const validation = (message: string) => new DynamoDBError('ValidationException', message);
export const invalidParameter = (reason: string) => validation(`One or more parameter values were invalid: ${reason}`);
export const tableNotFound = (table: string) => new DynamoDBError('ResourceNotFoundException', `Requested resource not found: Table: ${table} not found`);
/** What item operations answer for a missing table (without its name). */
export const resourceNotFound = () => new DynamoDBError('ResourceNotFoundException');
