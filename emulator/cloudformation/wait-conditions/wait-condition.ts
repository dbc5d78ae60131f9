/*
 * AWS::CloudFormation::WaitCondition
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html):
 * complete once Count SUCCESS signals are on the handle, failed by a FAILURE
 * signal or when Timeout (at most 43200 seconds) passes; its Data attribute
 * is the JSON of the signals' UniqueId → Data.
 */
import { ValidationError } from '../errors';
import { WaitConditionHandle, WaitConditionSignal } from './handles';

/** The longest Timeout: 12 hours. */
const MAX_TIMEOUT_SECONDS = 43_200;
/** A signaller's Reason and UniqueId are cut to these many characters in the resource's status reason. */
const MAX_REASON_CHARS = 1024;
const MAX_UNIQUE_ID_CHARS = 256;

export interface WaitConditionSpec {
  readonly handle: WaitConditionHandle;
  readonly timeoutSeconds: number;
  readonly count: number;
}

/** How a condition's failures are worded. */
export interface WaitConditionReasons {
  /** On a FAILURE signal: its Reason and UniqueId as sent. */
  failed(reason: string, uniqueId: string): string;
  /** At the Timeout: the SUCCESS signals received, and the Count expected. */
  timedOut(received: number, count: number): string;
}

/** CloudFormation's wordings as users report them (the resource page gives none). */
export const REPORTED_REASONS: WaitConditionReasons = {
  failed: (reason, uniqueId) => `WaitCondition received failed message: '${bounded(reason, MAX_REASON_CHARS)}' for uniqueId: ${bounded(uniqueId, MAX_UNIQUE_ID_CHARS)}`,
  timedOut: (received, count) => `WaitCondition timed out. Received ${received} conditions when expecting ${count}`,
};

export type WaitVerdict = { readonly ok: true; readonly data: string } | { readonly ok: false; readonly reason: string };

/** The condition's properties checked; throws ValidationError. */
export function waitConditionSpec(
  logicalId: string,
  properties: Readonly<Record<string, unknown>>,
  findHandle: (url: unknown) => WaitConditionHandle | undefined,
): WaitConditionSpec {
  const where = `wait condition ${logicalId}`;
  if (properties.Handle === undefined && properties.Timeout === undefined) {
    throw new ValidationError(`${where}: a wait condition without Handle and Timeout (signalled through a CreationPolicy) is not supported by the local engine`);
  }
  const handle = findHandle(properties.Handle);
  if (!handle) throw new ValidationError(`${where}: Handle ${String(properties.Handle)} is not the Ref of an AWS::CloudFormation::WaitConditionHandle of this engine`);
  const timeoutSeconds = wholeNumber(properties.Timeout);
  if (timeoutSeconds === undefined || timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    throw new ValidationError(`${where}: Timeout ${JSON.stringify(properties.Timeout)} is not valid: a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  }
  const count = properties.Count === undefined ? 1 : wholeNumber(properties.Count);
  if (count === undefined || count < 1) throw new ValidationError(`${where}: Count ${JSON.stringify(properties.Count)} is not valid: a whole number of at least 1`);
  return { handle, timeoutSeconds, count };
}

/** What the signals so far decide, if anything: the first FAILURE fails, Count SUCCESSes complete. */
export function verdict(spec: WaitConditionSpec, reasons = REPORTED_REASONS): WaitVerdict | undefined {
  const signals = [...spec.handle.signals.values()];
  const failure = signals.find((s) => s.status === 'FAILURE');
  if (failure) return { ok: false, reason: reasons.failed(failure.reason, failure.uniqueId) };
  const successes = signals.filter((s) => s.status === 'SUCCESS');
  return successes.length >= spec.count ? { ok: true, data: dataAttribute(successes) } : undefined;
}

/** The failure when the time is up. */
export function timedOut(spec: WaitConditionSpec, reasons = REPORTED_REASONS): WaitVerdict {
  const received = [...spec.handle.signals.values()].filter((s) => s.status === 'SUCCESS').length;
  return { ok: false, reason: reasons.timedOut(received, spec.count) };
}

/** `{"<UniqueId>": "<Data>", ...}`, as Fn::GetAtt returns it. */
function dataAttribute(signals: readonly WaitConditionSignal[]): string {
  return JSON.stringify(Object.fromEntries(signals.map((s) => [s.uniqueId, s.data])));
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A number, or a string of digits (CloudFormation passes both). */
function wholeNumber(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}
