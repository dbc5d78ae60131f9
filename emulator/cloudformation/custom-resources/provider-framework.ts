import * as fs from 'fs';
import * as path from 'path';
import { ResponseInbox } from './response-inbox';
import { isErrorLike } from '../errors';
import { runtimeTrace } from '../lambda/errors';
import { LocalLambda } from '../lambda/local-lambda';
import { ModuleLoaderOptions } from '../lambda/module-loader';
import { LocalStepFunctions } from '../stepfunctions/local-step-functions';

/*
 * The aws-cdk-lib `custom-resources` Provider framework runs as it is, from
 * the synthesized asset. Its only ways out are the exports of its outbound.js
 * (`httpRequest` to the response URL, `invokeFunction`, `startExecution`),
 * which it reads at call time: the engine points them at the local services.
 */

interface FrameworkOutbound {
  httpRequest: (options: { hostname?: string; path?: string; method?: string }, body: string) => Promise<void>;
  invokeFunction: (request: { FunctionName: string; Payload: string }) => Promise<unknown>;
  startExecution: (request: { stateMachineArn: string; name?: string; input?: string }) => Promise<unknown>;
}

export interface FrameworkServices {
  readonly lambda: LocalLambda;
  readonly stepFunctions: LocalStepFunctions;
  readonly responses: ResponseInbox;
}

const FRAMEWORK_FILES = ['framework.js', 'outbound.js', 'cfn-response.js'];

/** Whether a code folder is the Provider framework's. */
export function isProviderFrameworkCode(codeDirectory: string): boolean {
  return FRAMEWORK_FILES.every((file) => fs.existsSync(path.join(codeDirectory, file)));
}

/**
 * How to load the framework's code: outbound.js connected to the local
 * services, and the SDK clients it requires (which Lambda's Node.js runtime
 * provides, and which are not installed here) replaced by stubs it never uses.
 */
export function providerFrameworkLoader(services: FrameworkServices): ModuleLoaderOptions {
  return {
    stubs: { '@aws-sdk/client-lambda': unavailable('@aws-sdk/client-lambda'), '@aws-sdk/client-sfn': unavailable('@aws-sdk/client-sfn') },
    onLoad: (filename, exports) => {
      if (path.basename(filename) === 'outbound.js') connect(exports as FrameworkOutbound, services, path.dirname(filename));
    },
  };
}

function connect(outbound: FrameworkOutbound, services: FrameworkServices, codeDirectory: string): void {
  // A local service's error carries the engine's frames, with this machine's paths, where the SDK's would carry
  // the runtime's: the framework answers with the stack, so keep the frames Lambda shows of its code folder.
  const asInLambda = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await call(...args);
    } catch (error) {
      if (isErrorLike(error)) error.stack = runtimeTrace(error, codeDirectory).join('\n');
      throw error;
    }
  };
  outbound.invokeFunction = asInLambda((request) => services.lambda.invoke(request.FunctionName, request.Payload));
  outbound.startExecution = asInLambda((request) => services.stepFunctions.startExecution(request));
  outbound.httpRequest = asInLambda(async (options, body) => {
    if (options.method !== 'PUT') throw new Error(`Unexpected ${options.method} to the response URL`);
    services.responses.receive(`https://${options.hostname}${options.path}`, body);
  });
}

/** A module whose every export throws when called or constructed, naming the package. */
function unavailable(name: string): unknown {
  return new Proxy({}, {
    get: (_target, property) => {
      if (typeof property !== 'string' || property === '__esModule' || property === 'then') return undefined;
      return function unavailableExport() {
        throw new Error(`${name} (${property}) is not available in the local engine; the Provider framework's calls go to local services`);
      };
    },
  });
}
