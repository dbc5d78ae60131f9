import { StackRecord } from './stack-record';

/**
 * The nested stacks the engine created, beside their parents' records (each
 * names its parent's stack id), kept once deleted so that their history can
 * still be read.
 */
export class NestedStackRecords {
  private readonly records: StackRecord[] = [];

  public add(record: StackRecord): void {
    this.records.push(record);
  }

  public byId(stackId: string): StackRecord | undefined {
    return this.records.find((r) => r.identity.stackId === stackId);
  }

  /** The latest nested stack created for a parent's AWS::CloudFormation::Stack resource. */
  public child(parentStackId: string, logicalId: string): StackRecord | undefined {
    return this.records.filter((r) => r.parent?.stackId === parentStackId && r.parent.logicalId === logicalId).at(-1);
  }
}
