/* Model invocation logging (one configuration per account and Region): the kind's registration. */
import { LoggingConfigStore } from './logging-config';
import { LOGGING_OPERATIONS } from './operations';
import type { EmulatedKind } from '../kind';

export const KIND: EmulatedKind<LoggingConfigStore, typeof LOGGING_OPERATIONS> = {
  create: () => new LoggingConfigStore(),
  operations: LOGGING_OPERATIONS,
  arns: [],
};
