/*
 * The ledger of emulator assumptions (emulator/LEDGER.md) held to the
 * emulators and to the integration apps: every row parsed, ids unique and in
 * order, every column filled; every switch a real one (a property path on a
 * started BedrockEmulator or its S3, or an option LocalCloudFormationOptions
 * declares), a row without one failing by name; every row confirmed by an app
 * of test/integ/ that marks its assertion `// ledger: L-NN`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BedrockEmulator } from '../../emulator/bedrock';

const ROOT = path.join(__dirname, '..', '..');
const LEDGER = path.join(ROOT, 'emulator', 'LEDGER.md');
const ENGINE_OPTIONS = path.join(ROOT, 'emulator', 'cloudformation', 'local-cloudformation-options.ts');
const INTEG = path.join(ROOT, 'test', 'integ');
const HEADER = ['Id', "Assumption (the emulator's reading)", 'Source and what it leaves open', 'Switch for the other reading', 'Confirmed by'];

interface Row {
  readonly id: string;
  readonly line: number;
  readonly cells: readonly string[];
}

const cellsOf = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
/** The ids an app marks: every `L-NN` on a line after `ledger:` (one marker may name several rows). */
const markedIds = (file: string): string[] => fs.readFileSync(file, 'utf8').split('\n')
  .flatMap((line) => [.../ledger:(.*)$/.exec(line)?.[1]?.matchAll(/L-\d+/g) ?? []].map((m) => m[0]));
const backticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** Every table row of the ledger, and what is wrong with its tables' shape. */
function parseLedger(text: string): { readonly rows: Row[]; readonly problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  let inTable = false;
  text.split('\n').forEach((line, index) => {
    if (!line.trim().startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = cellsOf(line);
    if (!inTable) {
      inTable = true;
      if (JSON.stringify(cells) !== JSON.stringify(HEADER)) problems.push(`line ${index + 1}: a table whose header is not ${HEADER.join(' | ')}`);
      return;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) return;
    if (cells.length !== HEADER.length) problems.push(`line ${index + 1}: ${cells.length} columns, not ${HEADER.length}`);
    rows.push({ id: cells[0], line: index + 1, cells });
  });
  return { rows, problems };
}

const { rows, problems: shapeProblems } = parseLedger(fs.readFileSync(LEDGER, 'utf8'));

/** The problem with `root.<path>`, or undefined when every segment is `in` the object before it. */
function unresolved(root: unknown, dotted: string): string | undefined {
  let current: unknown = root;
  const walked: string[] = [];
  for (const segment of dotted.split('.')) {
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || !(segment in current)) {
      return `no '${segment}' on ${walked.join('.') || 'the root'}`;
    }
    current = (current as Record<string, unknown>)[segment];
    walked.push(segment);
  }
  return undefined;
}

describe('the ledger of emulator assumptions', () => {
  let emulator: BedrockEmulator | undefined;
  beforeAll(async () => {
    emulator = await BedrockEmulator.start();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  test('its tables have the ledger header; ids are unique and in order; every column is filled', () => {
    const problems = [...shapeProblems];
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      const expected = `L-${String(i + 1).padStart(2, '0')}`;
      if (row.id !== expected) problems.push(`line ${row.line}: id ${row.id || '(empty)'} where ${expected} comes next`);
      row.cells.forEach((cell, c) => {
        if (cell === '') problems.push(`${row.id}: the column "${HEADER[c]}" is empty`);
      });
    });
    expect(problems).toEqual([]);
  });

  test('every switch exists: a property path on the emulator or its S3, or an engine option', () => {
    const engineOptions = fs.readFileSync(ENGINE_OPTIONS, 'utf8');
    const problems: string[] = [];
    for (const { id, cells } of rows) {
      const column = cells[3] ?? '';
      if (column === 'none') {
        problems.push(`${id}: no switch for the other reading (none)`);
        continue;
      }
      const switches = backticked(column);
      if (switches.length === 0) problems.push(`${id}: no backticked switch in "${column}"`);
      for (const name of switches) {
        const [, kind, target] = /^(bedrock|s3|engine):(.+)$/.exec(name) ?? [];
        if (kind === 'bedrock' || kind === 's3') {
          const why = unresolved(kind === 'bedrock' ? emulator : emulator!.s3, target);
          if (why) problems.push(`${id}: ${name} does not resolve on ${kind === 'bedrock' ? 'a started BedrockEmulator' : 'emulator.s3'} (${why})`);
        } else if (kind === 'engine') {
          if (!new RegExp(`readonly\\s+${target}\\?:`).test(engineOptions)) problems.push(`${id}: ${name} is not an option of LocalCloudFormationOptions`);
        } else {
          problems.push(`${id}: ${name} is not a bedrock:, s3: or engine: switch`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('every row is confirmed by an integration app that marks its assertion', () => {
    const problems: string[] = [];
    for (const { id, cells } of rows) {
      const apps = backticked(cells[4] ?? '');
      if (apps.length === 0) problems.push(`${id}: no backticked integration app in "${cells[4]}"`);
      for (const app of apps) {
        const file = path.join(INTEG, app);
        if (!/^integ\.[\w.-]+\.ts$/.test(app)) problems.push(`${id}: ${app} is not an integ.<app>.ts name`);
        else if (!fs.existsSync(file)) problems.push(`${id}: test/integ/${app} does not exist`);
        else if (!markedIds(file).includes(id)) problems.push(`${id}: test/integ/${app} has no "// ledger: ${id}" marker`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every ledger marker in an integration app names a row of the ledger', () => {
    const ids = new Set(rows.map((r) => r.id));
    const problems = fs.readdirSync(INTEG).filter((f) => /^integ\..+\.ts$/.test(f)).flatMap((file) => {
      return markedIds(path.join(INTEG, file)).filter((id) => !ids.has(id)).map((id) => `test/integ/${file}: a marker for ${id}, which the ledger does not have`);
    });
    expect(problems).toEqual([]);
  });
});
