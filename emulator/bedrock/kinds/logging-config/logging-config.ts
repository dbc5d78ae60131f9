/*
 * Model invocation logging: one configuration per account and region. Put
 * replaces it, Delete removes it (and succeeds when there is none).
 */
import type { LoggingConfig } from '@aws-sdk/client-bedrock';

export class LoggingConfigStore {
  private config?: LoggingConfig;

  /** The configuration in place, if any. */
  public get(): LoggingConfig | undefined {
    return this.config;
  }

  public put(config: LoggingConfig): void {
    this.config = config;
  }

  public delete(): void {
    this.config = undefined;
  }
}
