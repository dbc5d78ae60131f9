import { MetadataBaseFilterValue, MetadataFilterValue } from '../contract/kinds/job';
import { factoryError } from '../private/synth-errors';

/**
 * Which logged model invocations a job trains on, by the request metadata
 * the invocations were made with.
 *
 * The API's filters are flat: `andAll` and `orAll` combine `stringEquals`
 * and `stringNotEquals` conditions, never other `andAll` or `orAll` filters.
 */
export class MetadataFilter {
  /** Invocations whose metadata `key` is `value` (the API's `equals`). */
  public static stringEquals(key: string, value: string): MetadataFilter {
    return new MetadataFilter({ equals: { [key]: value } });
  }

  /** Invocations whose metadata `key` is not `value` (the API's `notEquals`). */
  public static stringNotEquals(key: string, value: string): MetadataFilter {
    return new MetadataFilter({ notEquals: { [key]: value } });
  }

  /**
   * Invocations that meet every one of `filters` (1 to 16 `stringEquals` or `stringNotEquals` filters).
   *
   * @example MetadataFilter.andAll([MetadataFilter.stringEquals('project', 'runbooks'), MetadataFilter.stringNotEquals('stage', 'dev')])
   */
  public static andAll(filters: MetadataFilter[]): MetadataFilter {
    return new MetadataFilter({ andAll: conditions('andAll', filters) });
  }

  /** Invocations that meet at least one of `filters` (1 to 16 `stringEquals` or `stringNotEquals` filters). */
  public static orAll(filters: MetadataFilter[]): MetadataFilter {
    return new MetadataFilter({ orAll: conditions('orAll', filters) });
  }

  private constructor(private readonly value: MetadataFilterValue) {}

  /**
   * The filter as the API takes it (`requestMetadataFilters`).
   * @internal
   */
  public _render(): MetadataFilterValue {
    return this.value;
  }

  /** @internal */
  public _isCondition(): boolean {
    return this.value.andAll === undefined && this.value.orAll === undefined;
  }
}

function conditions(kind: 'andAll' | 'orAll', filters: MetadataFilter[]): MetadataBaseFilterValue[] {
  return filters.map((filter, i) => {
    if (!filter._isCondition()) {
      throw factoryError(`MetadataFilter.${kind}`, `filters[${i}] combines filters itself; Bedrock's filters are flat, `
        + 'so andAll and orAll take only stringEquals and stringNotEquals filters',
      'Give one andAll or orAll of conditions, with no andAll or orAll inside it');
    }
    return filter._render();
  });
}
