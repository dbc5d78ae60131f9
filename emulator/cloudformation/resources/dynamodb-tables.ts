/*
 * AWS::DynamoDB::Table run for real on the engine's local DynamoDB: created
 * with the template's TableName or a generated one, checked as DynamoDB's
 * CreateTable checks it, updated in place (billing mode, streams, deletion
 * protection) or replaced (TableName, KeySchema), deleted with its items
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html).
 * Failures are worded as CloudFormation's resource handlers word them
 * (cloudformation-cli-java-plugin: "Resource handler returned message: ...",
 * "Resource of type '...' with identifier '...' already exists.").
 */
import { randomUUID } from 'crypto';
import { DynamoDBError, LocalDynamoDB, streamArn } from '../../dynamodb';
import { ValidationError } from '../errors';
import { ResourceState } from '../stack/state';

export const TABLE_TYPE = 'AWS::DynamoDB::Table';

export class DynamoDBTables {
  constructor(private readonly dynamodb: () => LocalDynamoDB) {}

  /** Creates the table a resource's state names (its physical id) and returns the state with its attributes. */
  public create(state: ResourceState): ResourceState {
    const db = this.dynamodb();
    if (db.table(state.physicalId)) throw new ValidationError(`Resource of type '${TABLE_TYPE}' with identifier '${state.physicalId}' already exists.`);
    handled(() => db.createTable({ ...state.properties, TableName: state.physicalId }));
    return this.withAttributes(state);
  }

  /** The same table with new properties (its items stay). */
  public updateInPlace(current: ResourceState, properties: Readonly<Record<string, unknown>>): ResourceState {
    handled(() => this.dynamodb().updateTable({ ...properties, TableName: current.physicalId }));
    return this.withAttributes({ ...current, properties });
  }

  /** Deletes the table and its items, unless it is protected; one already gone is deleted. */
  public delete(state: ResourceState): void {
    handled(() => this.dynamodb().deleteTable(state.physicalId));
  }

  private withAttributes(state: ResourceState): ResourceState {
    const table = this.dynamodb().table(state.physicalId)!;
    const stream = streamArn(table.identity);
    return { ...state, attributes: { Arn: table.identity.arn, ...(stream ? { StreamArn: stream } : {}) } };
  }
}

/** A DynamoDB refusal as the stack event's reason. */
function handled<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DynamoDBError) throw handlerError(error);
    throw error;
  }
}

function handlerError(error: DynamoDBError): ValidationError {
  const requestId = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 32);
  const code = error.code === 'ValidationException' ? 'InvalidRequest' : error.code === 'ResourceNotFoundException' ? 'NotFound' : 'GeneralServiceException';
  return new ValidationError(`Resource handler returned message: "${error.message} (Service: DynamoDb, Status Code: ${error.status}, Request ID: ${requestId})" `
    + `(RequestToken: ${randomUUID()}, HandlerErrorCode: ${code})`);
}
