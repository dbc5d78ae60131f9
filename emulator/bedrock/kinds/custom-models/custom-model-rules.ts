/*
 * Where the AWS references leave custom models open (the ledger,
 * emulator/LEDGER.md, rows L-11, L-13, L-14): each rule's default is the
 * emulator's reading, the other value the other reading. Rules are read when
 * the behaviour happens (a delete, a list or a read), and reset() makes new
 * ones with the defaults.
 */

export interface CustomModelRules {
  /**
   * L-11. DeleteCustomModel of a model still Creating (an import by CreateCustomModel).
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteCustomModel.html
   * models ConflictException ("a conflict while performing an operation")
   * without saying when; no page says whether a Creating model can be deleted.
   * 'refused' (the default): ConflictException until the model is Active or
   * Failed, the strict reading, which a caller must wait out. 'deleted': the
   * model is deleted at once, its tags and its import slot with it.
   */
  creatingDeletion: 'refused' | 'deleted';
  /**
   * L-13. Which custom models DeleteCustomModel refuses (ConflictException)
   * while a Provisioned Throughput or custom model deployment uses them.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-delete.html:
   * "If you're deleting a distilled model, you must first delete any
   * Provisioned Throughput or custom model deployment associated with the
   * model"; other models, and the error, are not covered. 'distilled' (the
   * default): distilled models only, as the page says, so any other model is
   * deleted under what serves it, which that throughput's or deployment's
   * callers must survive. 'any': every custom model in use is refused, the
   * page's rule taken for all models.
   */
  servedModelDeletion: 'distilled' | 'any';
  /**
   * L-14. Whether a model another account shares (AWS RAM) is seen before it
   * is copied to this Region.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListCustomModels.html
   * has `isOwned`; https://docs.aws.amazon.com/bedrock/latest/userguide/share-model-view.html
   * shows shared models not yet copied apart, and
   * https://docs.aws.amazon.com/bedrock/latest/userguide/copy-model.html says a
   * shared model must be copied to a Region to be used. 'listed' (the
   * default): ListCustomModels lists it beside the account's own unless
   * `isOwned` is true, and GetCustomModel reads it by ARN; a reader then meets
   * models it does not own. 'copyFirst': the API sees no share before a copy:
   * it is not listed (`isOwned: false` lists none), and its ARN answers
   * ResourceNotFoundException to GetCustomModel, to jobs, throughputs and
   * deployments that name it, and to the tag operations.
   */
  sharedModels: 'listed' | 'copyFirst';
}

export function defaultCustomModelRules(): CustomModelRules {
  return { creatingDeletion: 'refused', servedModelDeletion: 'distilled', sharedModels: 'listed' };
}
