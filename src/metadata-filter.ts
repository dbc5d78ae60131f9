import { MetadataBaseFilterValue, MetadataFilterValue } from './private/contract';

/**
 * Which logged model invocations a job trains on, by the request metadata
 * the invocations were made with.
 *
 * The API's filters are flat: `andAll` and `orAll` combine `equals` and
 * `notEquals` conditions, never other `andAll` or `orAll` filters.
 */
export class MetadataFilter {
  /** Invocations whose metadata `key` is `value`. */
  public static equals(key: string, value: string): MetadataFilter {
    return new MetadataFilter({ equals: { [key]: value } });
  }

  /** Invocations whose metadata `key` is not `value`. */
  public static notEquals(key: string, value: string): MetadataFilter {
    return new MetadataFilter({ notEquals: { [key]: value } });
  }

  /**
   * Invocations that meet every one of `filters` (1 to 16 `equals` or `notEquals` filters).
   *
   * @example MetadataFilter.andAll([MetadataFilter.equals('project', 'runbooks'), MetadataFilter.notEquals('stage', 'dev')])
   */
  public static andAll(filters: MetadataFilter[]): MetadataFilter {
    return new MetadataFilter({ andAll: conditions('andAll', filters) });
  }

  /** Invocations that meet at least one of `filters` (1 to 16 `equals` or `notEquals` filters). */
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
      throw new Error(`MetadataFilter.${kind}: filters[${i}] combines filters itself; Bedrock's filters are flat, `
        + 'so andAll and orAll take only equals and notEquals filters');
    }
    return filter._render();
  });
}
