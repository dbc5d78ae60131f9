import { functionNameOf } from './local-lambda';

/** One statement of a function's resource-based policy (an `AWS::Lambda::Permission`). */
export interface PermissionStatement {
  readonly statementId: string;
  readonly functionName: string;
  readonly action: string;
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

/** What a service asks to invoke a function. */
export interface InvokeRequest {
  readonly functionName: string;
  readonly principal: string;
  readonly sourceArn: string;
  readonly sourceAccount: string;
}

/**
 * The resource-based policies of the stack's functions: what lets a service
 * (EventBridge) invoke them
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).
 */
export class LambdaPermissions {
  private readonly statements = new Map<string, PermissionStatement>();

  /** Records a statement from an `AWS::Lambda::Permission`'s resolved properties. */
  public put(statementId: string, properties: Readonly<Record<string, unknown>>): void {
    const text = (name: string) => (typeof properties[name] === 'string' ? properties[name] as string : undefined);
    this.statements.set(statementId, {
      statementId,
      functionName: functionNameOf(text('FunctionName') ?? ''),
      action: text('Action') ?? '',
      principal: text('Principal') ?? '',
      sourceArn: text('SourceArn'),
      sourceAccount: text('SourceAccount'),
    });
  }

  public remove(statementId: string): void {
    this.statements.delete(statementId);
  }

  /** Whether some statement allows the request. */
  public allows(request: InvokeRequest): boolean {
    const name = functionNameOf(request.functionName);
    return [...this.statements.values()].some((s) => s.functionName === name
      && ['lambda:InvokeFunction', 'lambda:*', '*'].includes(s.action)
      && [request.principal, '*'].includes(s.principal)
      && (s.sourceArn === undefined || globMatches(s.sourceArn, request.sourceArn))
      && (s.sourceAccount === undefined || s.sourceAccount === request.sourceAccount));
  }
}

/** IAM's ArnLike: `*` any characters, `?` one. */
function globMatches(pattern: string, value: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`).test(value);
}
