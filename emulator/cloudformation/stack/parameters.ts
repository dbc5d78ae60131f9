import { ValidationError } from '../errors';
import { Template } from '../template';

/** The SSM parameter that CDK's bootstrap version check reads (`/cdk-bootstrap/<qualifier>/version`). */
const BOOTSTRAP_VERSION_PARAMETER = /^\/cdk-bootstrap\/[^/]+\/version$/;
/** A bootstrap version recent enough for any template aws-cdk-lib synthesizes. */
const BOOTSTRAP_VERSION = '30';

/**
 * The value of each template parameter: the one given, else its default.
 * `AWS::SSM::Parameter::Value<...>` parameters name an SSM parameter, read
 * from `ssmParameters` (CDK's bootstrap version is known without it).
 */
export function parameterValues(
  template: Template,
  given: Readonly<Record<string, string>>,
  ssmParameters: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const definitions = template.Parameters ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in definitions));
  if (unknown.length > 0) throw new ValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);

  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const raw = given[name] ?? (definition.Default === undefined ? undefined : String(definition.Default));
    if (raw === undefined) throw new ValidationError(`Parameters: [${name}] must have values`);
    if (definition.AllowedValues && !definition.AllowedValues.map(String).includes(raw)) {
      throw new ValidationError(`Parameter '${name}' must be one of AllowedValues`);
    }
    const type = definition.Type;
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
    const value = ssm ? ssmValue(name, raw, ssmParameters) : raw;
    const isList = (ssm ? ssm[1] : type).startsWith('List<') || (ssm ? ssm[1] : type) === 'CommaDelimitedList';
    values[name] = isList ? value.split(',').map((item) => item.trim()) : value;
  }
  return values;
}

function ssmValue(name: string, path: string, ssmParameters: Readonly<Record<string, string>>): string {
  const value = ssmParameters[path] ?? (BOOTSTRAP_VERSION_PARAMETER.test(path) ? BOOTSTRAP_VERSION : undefined);
  if (value === undefined) throw new ValidationError(`Parameter ${name}: SSM parameter ${path} not found (give its value in the ssmParameters option)`);
  return value;
}
