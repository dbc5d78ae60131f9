import { TemplateValue } from '../template';
import { parseSubTemplate, subjectOf } from './sub';

/** Every name a value refers to through Ref, Fn::GetAtt or Fn::Sub (parameters and pseudo parameters included). */
export function referencedNames(value: TemplateValue, names = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => referencedNames(v, names));
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof object.Ref === 'string') {
      names.add(object.Ref);
    } else if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const args = object['Fn::GetAtt'];
      if (typeof args === 'string') names.add(subjectOf(args));
      else if (Array.isArray(args) && typeof args[0] === 'string') names.add(args[0]);
    } else if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      subReferences(object['Fn::Sub'], names);
    } else {
      Object.values(object).forEach((v) => referencedNames(v, names));
    }
  }
  return names;
}

function subReferences(args: unknown, names: Set<string>): void {
  const [body, variables] = typeof args === 'string' ? [args, {}] : (args as [unknown, Record<string, unknown>]);
  referencedNames(variables, names);
  if (typeof body !== 'string') return;
  for (const part of parseSubTemplate(body)) {
    if ('variable' in part && !(part.variable in (variables ?? {}))) names.add(subjectOf(part.variable));
  }
}
