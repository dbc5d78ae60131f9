/*
 * Every operation the emulator answers, by its name in the API model: those
 * of the shared services (foundation models, tags) and every registered
 * kind's (kinds/list.ts). The routes come from the constraints fixture; this
 * table says what each does.
 */
import { FOUNDATION_MODEL_OPERATIONS } from './foundation-models';
import { Handler } from './handler';
import { TAG_OPERATIONS } from './tags';
import { KIND_OPERATIONS } from '../kinds/registry';

/** The operations of the services every kind shares. */
export const SHARED_OPERATIONS = {
  ...FOUNDATION_MODEL_OPERATIONS,
  ...TAG_OPERATIONS,
};

export const OPERATIONS = {
  ...KIND_OPERATIONS,
  ...SHARED_OPERATIONS,
};

export type OperationName = keyof typeof OPERATIONS;

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** The handler of an operation, taking the input validateInput accepted. */
export function handlerOf(name: OperationName): Handler<unknown, object> {
  return OPERATIONS[name] as Handler<never, object> as Handler<unknown, object>;
}
