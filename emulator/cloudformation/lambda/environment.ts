/**
 * Runs `work` with `process.env` holding exactly `variables`, as a Lambda
 * function's process does, and puts the previous environment back afterwards.
 * Invocations are sequential, so a nested one (the Provider framework invoking
 * the user's handler) simply stacks on the outer one.
 */
export async function withEnvironment<T>(variables: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  replaceEnvironment(variables);
  try {
    return await work();
  } finally {
    replaceEnvironment(saved);
  }
}

function replaceEnvironment(variables: Readonly<Record<string, string | undefined>>): void {
  for (const name of Object.keys(process.env)) delete process.env[name];
  for (const [name, value] of Object.entries(variables)) {
    if (value !== undefined) process.env[name] = value;
  }
}
