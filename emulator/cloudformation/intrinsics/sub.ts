/*
 * Fn::Sub template strings: `${Name}` (a Ref), `${Resource.Attribute}` (a
 * GetAtt), `${!Literal}` (the literal `${Literal}`).
 */

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export type SubstitutionPart = { readonly literal: string } | { readonly variable: string };

/** The template string split into literal text and variable names. */
export function parseSubTemplate(text: string): SubstitutionPart[] {
  const parts: SubstitutionPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ literal: text.slice(last, index) });
    const name = match[1].trim();
    parts.push(name.startsWith('!') ? { literal: `\${${name.slice(1)}}` } : { variable: name });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
}

/** The logical id or parameter name a Sub variable refers to (`Res.Attr` → `Res`). */
export function subjectOf(variable: string): string {
  const dot = variable.indexOf('.');
  return dot < 0 ? variable : variable.slice(0, dot);
}
