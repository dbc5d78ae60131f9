/*
 * Every operation the emulator answers, by its name in the API model. The
 * routes come from the constraints fixture; this table says what each does.
 */
import { CUSTOM_MODEL_OPERATIONS } from './custom-models';
import { DEPLOYMENT_OPERATIONS } from './deployments';
import { FOUNDATION_MODEL_OPERATIONS } from './foundation-models';
import { Handler } from './handler';
import { JOB_OPERATIONS } from './jobs';
import { LOGGING_OPERATIONS } from './logging';
import { TAG_OPERATIONS } from './tags';
import { THROUGHPUT_OPERATIONS } from './throughputs';

export const OPERATIONS = {
  ...JOB_OPERATIONS,
  ...CUSTOM_MODEL_OPERATIONS,
  ...DEPLOYMENT_OPERATIONS,
  ...THROUGHPUT_OPERATIONS,
  ...LOGGING_OPERATIONS,
  ...FOUNDATION_MODEL_OPERATIONS,
  ...TAG_OPERATIONS,
};

export type OperationName = keyof typeof OPERATIONS;

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** The handler of an operation, taking the input validateInput accepted. */
export function handlerOf(name: OperationName): Handler<unknown, object> {
  return OPERATIONS[name] as Handler<never, object> as Handler<unknown, object>;
}
