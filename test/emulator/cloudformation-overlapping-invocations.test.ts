/*
 * Invocations of the local engine's functions may overlap: a stack a function
 * creates through the API, and the events it puts, run while it goes on. Each
 * keeps its own environment, log and clock for as long as it runs, in any
 * order of ending, and the host's are back once none runs.
 */
import { setTimeout as sleep } from 'timers/promises';
import { withEngineTime } from '../../emulator/cloudformation/lambda/engine-time';
import { withEnvironment } from '../../emulator/cloudformation/lambda/environment';
import { withCapturedLogs } from '../../emulator/cloudformation/lambda/log-capture';

/** One invocation: its variables, log and clock; it reads them at its start and again after `holdMs`. */
async function invocation(name: string, clockMs: number, holdMs: number, log: string[]) {
  const clock = { now: () => clockMs, sleep: async () => undefined };
  return withEnvironment({ NAME: name }, () => withCapturedLogs((line) => log.push(line), () => withEngineTime(clock, async () => {
    const before = [process.env.NAME, Date.now()];
    await sleep(holdMs);
    console.log(`${name} ends`);
    return [...before, process.env.NAME, Date.now(), Object.keys(process.env)];
  })));
}

test('two invocations that overlap, the first to start ending first, each keep their own; the host\'s come back', async () => {
  const hostName = process.env.NAME;
  const [firstLog, secondLog]: string[][] = [[], []];
  const first = invocation('first', 1_000, 20, firstLog);
  const second = invocation('second', 2_000, 40, secondLog);
  expect(await first).toEqual(['first', 1_000, 'first', 1_000, ['NAME']]);
  // The first has ended while the second still runs: the host's environment and time are back outside them.
  expect(process.env.NAME).toBe(hostName);
  expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1_000);
  expect(Date.now()).toBeGreaterThan(1_700_000_000_000);
  expect(await second).toEqual(['second', 2_000, 'second', 2_000, ['NAME']]);
  expect([firstLog, secondLog]).toEqual([['first ends'], ['second ends']]);
  expect(process.env.NAME).toBe(hostName);
  expect(Object.keys(process.env).length).toBeGreaterThan(1);
});
