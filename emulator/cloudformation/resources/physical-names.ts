import { randomString } from '../random';

export interface NameRules {
  readonly maxLength?: number;
  readonly lowercase?: boolean;
}

/**
 * A name as CloudFormation generates it for a resource given none:
 * `<stack>-<logicalId>-<random>`, the first two parts shortened to fit.
 */
export function generatedName(stackName: string, logicalId: string, rules: NameRules = {}): string {
  const suffix = randomString(12);
  const room = (rules.maxLength ?? 255) - suffix.length - 2;
  const stackPart = stackName.slice(0, Math.max(1, Math.floor(room / 2)));
  const name = `${stackPart}-${logicalId.slice(0, room - stackPart.length)}-${suffix}`;
  return rules.lowercase ? name.toLowerCase() : name;
}
