/* XML text for the emulators' XML answers (S3's restXml, CloudFormation's awsQuery). */

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const CHARACTERS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ENTITIES).map(([c, e]) => [e, c]));

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ENTITIES[c]);
}

/** The text of XML element content: the five predefined entities read back. */
export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (entity) => CHARACTERS[entity]);
}
