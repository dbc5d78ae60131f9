/*
 * Where the AWS references leave a Provisioned Throughput open (the ledger,
 * emulator/LEDGER.md, rows L-27 to L-29): each rule's default is the
 * emulator's reading, the other value the other reading. Rules are read when
 * the behaviour happens (an update, a delete), and reset() makes new stores,
 * with the defaults.
 */

/**
 * UpdateProvisionedModelThroughput's rule for desiredModelId:
 * "You can't specify this field if this Provisioned Throughput is associated
 * with a base model"; for one of a custom model, "the base model from which
 * the custom model was customized" or "another custom model that was
 * customized from the same base model".
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateProvisionedModelThroughput.html
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html
 */
export interface ThroughputRules {
  /** L-28. Whether a model change is checked against the rule. Default true; false takes any model a throughput can serve. */
  modelChange: boolean;
  /**
   * L-27. Which model a throughput is "associated with": the one it serves now
   * ('served', the default), so that one bought for a custom model and moved
   * to its base model can change no more; or the one it was bought for
   * ('purchased'). Both pages are silent on that case; 'served' refuses more.
   */
  baseModelAssociation: 'served' | 'purchased';
  /**
   * L-29. How DeleteProvisionedModelThroughput refuses a throughput whose
   * commitment term runs.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html:
   * "You can't delete a Provisioned Throughput with commitment before the
   * commitment term is complete"; the error is not stated, and
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteProvisionedModelThroughput.html
   * models both. 'ConflictException' (the default): "a conflict while
   * performing an operation", a valid request the resource's state forbids.
   * 'ValidationException': the error a caller takes for a malformed request,
   * which a reader of the refusal must take for the commitment too.
   */
  commitmentDeleteRefusal: 'ConflictException' | 'ValidationException';
}

export function defaultThroughputRules(): ThroughputRules {
  return { modelChange: true, baseModelAssociation: 'served', commitmentDeleteRefusal: 'ConflictException' };
}
