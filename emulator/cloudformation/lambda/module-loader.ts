import * as fs from 'fs';
import { createRequire, isBuiltin } from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';

export interface ModuleLoaderOptions {
  /** Modules given in place of packages of these names (packages the code requires but never uses here). */
  readonly stubs?: Readonly<Record<string, unknown>>;
  /** Modules given in place of Node's built-ins of these names (`node:` prefix or not). */
  readonly builtins?: Readonly<Record<string, unknown>>;
  /** Sees each module's exports right after the module ran, before the module that required it gets them. */
  readonly onLoad?: (filename: string, exports: unknown) => void;
}

interface LoadedModule {
  exports: unknown;
  readonly id: string;
  readonly filename: string;
  loaded: boolean;
}

const EXTENSIONS = ['', '.js', '.cjs', '.json'];

/**
 * Packages Lambda's Node.js runtime provides to code that does not bundle
 * them: the AWS SDK for JavaScript v3 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
 * Here they come from the engine's own node_modules.
 */
const RUNTIME_PACKAGES = /^@aws-sdk\//;
const runtimeRequire = createRequire(__filename);

/** `import(` as an expression (not `x.import(` nor a name ending in import). */
const DYNAMIC_IMPORT = /(?<![\w$.])import\(/g;
const DYNAMIC_IMPORT_FUNCTION = '__engineDynamicImport(';

/**
 * A CommonJS loader for one function's code folder, standing for one Lambda
 * execution environment: each loader evaluates the files afresh (module-level
 * state such as cached SDK clients is its own), while Node's built-ins and
 * packages from outside the folder come from Node's own `require`.
 *
 * Code runs in the realm of this file (under jest, the test's), so it shares
 * `process.env`, `console` and `Date` with the engine, which sets them per
 * invocation.
 */
export class ModuleLoader {
  private readonly cache = new Map<string, LoadedModule>();

  constructor(private readonly root: string, private readonly options: ModuleLoaderOptions = {}) {}

  /** The file of the folder that `name` (relative to it, extension optional) names, if any. */
  public find(name: string): string | undefined {
    return resolveFile(path.resolve(this.root, name));
  }

  /** The exports of a file, evaluated on first use. */
  public load(filename: string): unknown {
    const cached = this.cache.get(filename);
    if (cached) return cached.exports;
    const module: LoadedModule = { exports: {}, id: filename, filename, loaded: false };
    // Cached before it runs, so that circular requires see the partial exports as in Node.
    this.cache.set(filename, module);
    try {
      if (filename.endsWith('.json')) {
        module.exports = JSON.parse(fs.readFileSync(filename, 'utf8'));
      } else {
        this.evaluate(module);
      }
    } catch (error) {
      this.cache.delete(filename);
      throw error;
    }
    module.loaded = true;
    this.options.onLoad?.(filename, module.exports);
    return module.exports;
  }

  private evaluate(module: LoadedModule): void {
    // Code compiled by the Function constructor has no module loader for `import()` (under jest, none at all),
    // so dynamic imports, which bundles use for Node's built-ins, go through the module's require.
    const source = fs.readFileSync(module.filename, 'utf8').replace(/^#!.*/, '').replace(DYNAMIC_IMPORT, DYNAMIC_IMPORT_FUNCTION);
    // The Function constructor of this realm; sourceURL names the file in stack traces.
    const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', DYNAMIC_IMPORT_FUNCTION.slice(0, -1),
      `${source}\n//# sourceURL=${pathToFileURL(module.filename)}`);
    const require = this.requireFor(module.filename);
    const dynamicImport = async (specifier: string) => namespaceOf(require(specifier));
    wrapper.call(module.exports, module.exports, require, module, module.filename, path.dirname(module.filename), dynamicImport);
  }

  private requireFor(parent: string): NodeJS.Require {
    const nodeRequire = createRequire(parent);
    const localPath = (request: string) => (request.startsWith('.') || path.isAbsolute(request) ? path.resolve(path.dirname(parent), request) : undefined);
    const require = ((request: string) => {
      const local = localPath(request);
      if (local === undefined) {
        const builtin = request.replace(/^node:/, '');
        if (isBuiltin(request) && this.options.builtins && builtin in this.options.builtins) return this.options.builtins[builtin];
        if (!isBuiltin(request) && this.options.stubs && request in this.options.stubs) return this.options.stubs[request];
        return RUNTIME_PACKAGES.test(request) && !resolvable(nodeRequire, request) ? runtimeRequire(request) : nodeRequire(request);
      }
      if (path.relative(this.root, local).startsWith('..')) throw new Error(`Cannot find module '${request}' from ${parent}: it is outside the function's code folder ${this.root}`);
      const filename = resolveFile(local);
      if (filename === undefined) throw Object.assign(new Error(`Cannot find module '${request}' from ${parent}`), { code: 'MODULE_NOT_FOUND' });
      return this.load(filename);
    }) as NodeJS.Require;
    require.resolve = ((request: string) => {
      const local = localPath(request);
      return local === undefined ? nodeRequire.resolve(request) : resolveFile(local) ?? nodeRequire.resolve(request);
    }) as NodeJS.RequireResolve;
    return require;
  }
}

function resolvable(require: NodeJS.Require, request: string): boolean {
  try {
    require.resolve(request);
    return true;
  } catch {
    return false;
  }
}

/** What `import()` of a CommonJS module gives: its exports as named exports, and as `default`. */
function namespaceOf(exports: unknown): unknown {
  if (exports !== null && typeof exports === 'object' && (exports as { __esModule?: boolean }).__esModule) return exports;
  return { ...(exports as object), default: exports };
}

/** The file a path names, as Node resolves it: exact, with an extension, or a folder's package main or index. */
function resolveFile(base: string): string | undefined {
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) return undefined;
  const packageJson = path.join(base, 'package.json');
  const main = fs.existsSync(packageJson) ? (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { main?: string }).main : undefined;
  return (main ? resolveFile(path.join(base, main)) : undefined) ?? resolveFile(path.join(base, 'index'));
}
