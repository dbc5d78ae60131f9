/*
 * Bedrock's refusals for capacity: a create beyond the account's concurrent
 * jobs (two model customization jobs, one import job per account and Region)
 * answers ServiceQuotaExceededException, "The number of requests exceeds the
 * service quota. Resubmit your request later." (the API model's
 * documentation of the error, which CreateModelCustomizationJob,
 * CreateCustomModel and CreateModelImportJob list). A kind that declares its
 * create as one that may be refused so waits for a slot instead of failing
 * (slot-queue.ts, docs/design/waiting-for-a-slot.md).
 */
import { log } from './log';

/** Thrown by a kind's create when Bedrock refused it for capacity: the create is to wait, not to fail. */
export class CapacityRefusal extends Error {
  public readonly name = 'CapacityRefusal';
  constructor(what: string, bedrockMessage: string) {
    super(`${what}: Bedrock has no free slot (${bedrockMessage})`);
  }
}

/** Whether a kind's create threw a CapacityRefusal (by name: bundles and tests may hold two copies of the class). */
export function refusedForCapacity(e: unknown): boolean {
  return (e as Error | undefined)?.name === 'CapacityRefusal';
}

/** Whether Bedrock refused a create for capacity (ServiceQuotaExceededException). */
export function isQuotaExceeded(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'ServiceQuotaExceededException';
}

/** Throws a CapacityRefusal of `what` for a refusal for capacity; returns for any other error. */
export function refuseIfQuotaExceeded(e: unknown, what: string): void {
  if (isQuotaExceeded(e)) throw new CapacityRefusal(what, (e as Error).message);
}

/** How many names a message lists at most. */
const LISTED = 5;

/** A page of the account's resources that hold slots: their names, and whether there are more. */
export interface HolderPage {
  readonly names: ReadonlyArray<string | undefined>;
  readonly more: boolean;
}

/**
 * Who holds the account's slots, for a message that says why a create got
 * no slot: `holders` ("jobs in progress") and up to five names, from one page
 * of `list` (asked for one more than that, to tell "and more"). A failure to
 * list is said, naming the IAM action, never thrown: the message matters more.
 */
export async function describeHolders(holders: string, action: string, list: (maxResults: number) => Promise<HolderPage>): Promise<string> {
  try {
    const { names, more } = await list(LISTED + 1);
    if (names.length === 0) return `the account has no ${holders} now`;
    return `the account's ${holders} are ${names.slice(0, LISTED).join(', ')}${more || names.length > LISTED ? ' and more' : ''}`;
  } catch (e) {
    log.warn(`The ${holders} could not be listed`, { error: e });
    return `the ${holders} could not be listed (${action})`;
  }
}
