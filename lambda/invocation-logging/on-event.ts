/*
 * onEvent of the Provider framework for `Custom::BedrockInvocationLogging`.
 *
 * The configuration is one per account and region, so this resource never
 * overwrites or deletes one it did not put: "put by this resource" means the
 * live configuration's digest equals the one in the physical id (see
 * LOGGING_ID in properties.ts). Create refuses a foreign configuration unless
 * takeOverExistingConfiguration is set; Update puts the new configuration
 * over its own (or over none); Delete removes the configuration only while it
 * is still the one this resource put.
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { decodeLoggingProperties, LOGGING_ID, loggingConfigDigest, LoggingProperties } from './properties';
import { deleteLoggingConfig, putLoggingConfig, readLoggingConfig } from './put-config';
import { EventResult, onEventHandler } from '../shared/lifecycle';
import { log } from '../shared/log';

/** What onEvent returns: the configuration has no attributes. */
export type LoggingEventResult = EventResult<never>;

export const onEvent = onEventHandler<LoggingEventResult>({ create: createLogging, update: updateLogging, delete: deleteLogging });

async function createLogging(event: CloudFormationCustomResourceCreateEvent): Promise<LoggingEventResult> {
  const props = decodeLoggingProperties(event.ResourceProperties);
  return put(props, undefined);
}

async function updateLogging(event: CloudFormationCustomResourceUpdateEvent): Promise<LoggingEventResult> {
  const props = decodeLoggingProperties(event.ResourceProperties);
  return put(props, LOGGING_ID.parse(event.PhysicalResourceId));
}

/**
 * Puts the configuration of `props`, unless the live one is neither absent,
 * nor `ours` (the digest this resource last put), nor already the wanted one,
 * and taking over was not allowed.
 */
async function put(props: LoggingProperties, ours: string | undefined): Promise<LoggingEventResult> {
  const wanted = loggingConfigDigest(props.loggingConfig);
  const live = await readLoggingConfig();
  const liveDigest = live ? loggingConfigDigest(live) : undefined;
  if (liveDigest !== undefined && liveDigest !== ours && liveDigest !== wanted) {
    if (!props.takeOverExistingConfiguration && wanted === ours) {
      // Nothing this resource would put has changed (a library-only update, or an update rollback): keep the other configuration.
      log.warn('The live configuration is not the one this resource put: leaving it in place', { ours, live: liveDigest });
      return { PhysicalResourceId: LOGGING_ID.format(wanted) };
    }
    if (!props.takeOverExistingConfiguration) {
      throw new Error('A model invocation logging configuration already exists in this account and region, and this resource did not put it '
        + `(its destinations: ${describeDestinations(live!)}). It is left unchanged. To replace it with this stack's configuration, `
        + 'set takeOverExistingConfiguration: true on the InvocationLogging construct, or delete the existing configuration first.');
    }
    log.warn('Taking over the model invocation logging configuration that another party put', { destinations: describeDestinations(live!) });
  }
  if (liveDigest === wanted) {
    log.info('The live configuration is already the wanted one: nothing to put', { digest: wanted });
  } else {
    await putLoggingConfig(props.loggingConfig);
    log.info('Configuration put', { digest: wanted });
  }
  return { PhysicalResourceId: LOGGING_ID.format(wanted) };
}

async function deleteLogging(event: CloudFormationCustomResourceDeleteEvent): Promise<LoggingEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const ours = LOGGING_ID.parse(event.PhysicalResourceId);
  if (!ours) {
    log.info('The physical id names no configuration this resource put: nothing to delete');
    return done;
  }
  const live = await readLoggingConfig();
  if (!live) {
    log.info('No model invocation logging configuration is in place: nothing to delete');
    return done;
  }
  const liveDigest = loggingConfigDigest(live);
  if (liveDigest !== ours) {
    log.info('The live configuration is not the one this resource put: leaving it in place', { ours, live: liveDigest });
    return done;
  }
  await deleteLoggingConfig();
  log.info('Configuration deleted', { digest: ours });
  return done;
}

function describeDestinations(config: NonNullable<Awaited<ReturnType<typeof readLoggingConfig>>>): string {
  const parts: string[] = [];
  if (config.s3Config) parts.push(`S3 bucket '${config.s3Config.bucketName}'`);
  if (config.cloudWatchConfig) parts.push(`CloudWatch Logs log group '${config.cloudWatchConfig.logGroupName}'`);
  return parts.length ? parts.join(' and ') : 'none';
}
