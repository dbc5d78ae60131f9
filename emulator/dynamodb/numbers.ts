/*
 * DynamoDB's Number type: "Numbers can have up to 38 digits of precision ...
 * Positive range: 1E-130 to 9.9999999999999999999999999999999999999E+125"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
 * Numbers travel as strings; DynamoDB stores them normalized (no leading or
 * trailing zeros, no exponent), and compares and adds them exactly.
 */

/** A number as `coefficient × 10^exponent`, the coefficient without trailing zeros (0 is 0 × 10^0). */
export interface Decimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
/** Largest and smallest magnitudes, as exponents of their most significant digit. */
const MAX_LEADING_EXPONENT = 125;
const MIN_LEADING_EXPONENT = -130;

/** Why a number is refused, in DynamoDB's words; undefined when it is valid. */
export function numberError(text: string): string | undefined {
  try {
    parseNumber(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Parses and checks a number (throws an Error with DynamoDB's message). */
export function parseNumber(text: string): Decimal {
  const match = SYNTAX.exec(text.trim());
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) {
    throw new Error(text === '' ? 'The parameter cannot be converted to a numeric value' : `The parameter cannot be converted to a numeric value: ${text}`);
  }
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  const exponent = Number(match[4] ?? 0) - fraction.length;
  return checked(normalize(BigInt(`${match[1]}${digits || '0'}`), exponent));
}

/** The value's canonical text, as DynamoDB returns it (plain notation). */
export function formatNumber(value: Decimal): string {
  if (value.coefficient === 0n) return '0';
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient).toString();
  let text: string;
  if (value.exponent >= 0) {text = digits + '0'.repeat(value.exponent);} else {
    const point = digits.length + value.exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** The canonical text of a number string. */
export function canonicalNumber(text: string): string {
  return formatNumber(parseNumber(text));
}

export function compareNumbers(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a + b (or a − b), checked as a stored number is. */
export function addNumbers(a: Decimal, b: Decimal, subtract = false): Decimal {
  const [x, y] = aligned(a, b);
  return checked(normalize(subtract ? x - y : x + y, Math.min(a.exponent, b.exponent)));
}

/** Significant digits: what the item size counts (about one byte per two). */
export function significantDigits(value: Decimal): number {
  return value.coefficient === 0n ? 1 : (value.coefficient < 0n ? -value.coefficient : value.coefficient).toString().length;
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [a.coefficient * 10n ** BigInt(a.exponent - exponent), b.coefficient * 10n ** BigInt(b.exponent - exponent)];
}

function normalize(coefficient: bigint, exponent: number): Decimal {
  if (coefficient === 0n) return { coefficient: 0n, exponent: 0 };
  let c = coefficient;
  let e = exponent;
  while (c % 10n === 0n) {
    c /= 10n;
    e += 1;
  }
  return { coefficient: c, exponent: e };
}

function checked(value: Decimal): Decimal {
  if (value.coefficient === 0n) return value;
  const digits = significantDigits(value);
  if (digits > MAX_DIGITS) throw new Error('Attempting to store more than 38 significant digits in a Number');
  const leading = value.exponent + digits - 1;
  if (leading > MAX_LEADING_EXPONENT) throw new Error('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (leading < MIN_LEADING_EXPONENT) throw new Error('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return value;
}
