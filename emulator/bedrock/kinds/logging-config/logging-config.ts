/*
 * Model invocation logging: one configuration per account and region. Put
 * replaces it, Delete removes it (and succeeds when there is none). Where the
 * references leave GetModelInvocationLoggingConfiguration's answer open
 * (ledger rows L-30, L-31), `rules` holds the emulator's reading; reset()
 * makes new ones with the defaults.
 */
import type { LoggingConfig, S3Config } from '@aws-sdk/client-bedrock';

export interface LoggingConfigRules {
  /**
   * L-30. What GetModelInvocationLoggingConfiguration answers of the configuration put.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelInvocationLoggingConfiguration.html
   * shows the members; whether the service normalizes the configuration or
   * adds defaults is not stated. 'asPut' (the default): exactly as put, the
   * same members, `keyPrefix` unchanged, no delivery flag added or dropped.
   * 'normalized': every delivery flag present (false unless put true), and an
   * empty `keyPrefix` dropped, so a reader that compares it with what it put
   * member by member sees another configuration.
   */
  configuration: 'asPut' | 'normalized';
  /**
   * L-31. What GetModelInvocationLoggingConfiguration answers without a configuration.
   * The same page and
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteModelInvocationLoggingConfiguration.html
   * say nothing of an account without one; neither operation models an error
   * for it, so Delete succeeds either way. 'omitted' (the default): 200 with
   * no `loggingConfig`. 'empty': 200 with an empty `loggingConfig` (every
   * delivery flag false once `configuration` is 'normalized'), which a reader
   * that tests for the member takes for a configuration in place.
   */
  withoutConfiguration: 'omitted' | 'empty';
}

export function defaultLoggingConfigRules(): LoggingConfigRules {
  return { configuration: 'asPut', withoutConfiguration: 'omitted' };
}

const DELIVERY_FLAGS = [
  'textDataDeliveryEnabled', 'imageDataDeliveryEnabled', 'embeddingDataDeliveryEnabled', 'videoDataDeliveryEnabled', 'audioDataDeliveryEnabled',
] as const;

export class LoggingConfigStore {
  /** GetModelInvocationLoggingConfiguration's answer where AWS is silent (LoggingConfigRules). */
  public readonly rules: LoggingConfigRules = defaultLoggingConfigRules();
  private config?: LoggingConfig;

  /** The configuration in place, if any, as put. */
  public get(): LoggingConfig | undefined {
    return this.config;
  }

  /** What GetModelInvocationLoggingConfiguration answers as its `loggingConfig`, under `rules`. */
  public answer(): LoggingConfig | undefined {
    const config = this.config ?? (this.rules.withoutConfiguration === 'empty' ? {} : undefined);
    return config && this.rules.configuration === 'normalized' ? normalized(config) : config;
  }

  public put(config: LoggingConfig): void {
    this.config = config;
  }

  public delete(): void {
    this.config = undefined;
  }
}

function normalized(config: LoggingConfig): LoggingConfig {
  const s3 = (c: S3Config): S3Config => (c.keyPrefix ? { ...c } : { bucketName: c.bucketName });
  const { cloudWatchConfig: cw, s3Config } = config;
  const large = cw?.largeDataDeliveryS3Config;
  return {
    ...(s3Config ? { s3Config: s3(s3Config) } : {}),
    ...(cw ? { cloudWatchConfig: { ...cw, ...(large ? { largeDataDeliveryS3Config: s3(large) } : {}) } } : {}),
    ...Object.fromEntries(DELIVERY_FLAGS.map((flag) => [flag, config[flag] === true])),
  };
}
