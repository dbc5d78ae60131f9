import { AsyncLocalStorage } from 'async_hooks';

/** The environment of the invocation running in this async context. */
const own = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

/**
 * Runs `work` with `process.env` holding exactly `variables`, as a Lambda
 * function's process does. The environment follows the invocation's async
 * context, not the order invocations start and end in: invocations may
 * overlap (a stack a function creates, events it puts, run while it goes on),
 * and each keeps its own; a nested one (the Provider framework invoking the
 * user's handler) has its own while it runs. Outside any invocation,
 * `process.env` is the host's.
 */
export async function withEnvironment<T>(variables: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  install();
  return own.run({ ...variables }, work);
}

/** Puts a proxy in place of `process.env`, once: it reads and writes the running invocation's environment, if any. */
function install(): void {
  if (installed) return;
  installed = true;
  const host = process.env;
  const target = () => own.getStore() ?? host;
  process.env = new Proxy(host, {
    get: (_, name) => (typeof name === 'string' ? target()[name] : undefined),
    set: (_, name, value) => {
      target()[String(name)] = String(value);
      return true;
    },
    has: (_, name) => typeof name === 'string' && name in target(),
    deleteProperty: (_, name) => delete target()[String(name)],
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, name) => {
      const variables = target();
      return typeof name === 'string' && name in variables
        ? { value: variables[name], writable: true, enumerable: true, configurable: true }
        : undefined;
    },
  });
}
