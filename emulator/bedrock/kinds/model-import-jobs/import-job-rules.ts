/*
 * Where the AWS references leave a model import job open (the ledger,
 * emulator/LEDGER.md, rows L-17 to L-21): each rule's default is the
 * emulator's reading, the other value the other reading. Rules are read when
 * the behaviour happens (a create, a job's end, a delete), and reset() makes
 * new ones with the defaults. What the source must hold: architectures.ts.
 */
import { defaultSourceRules, SourceRules } from './architectures';

export interface ImportRules extends SourceRules {
  /**
   * L-17. When the source's layout and architecture are checked.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-import-model-job.html:
   * "During the job, Amazon Bedrock validates that the model that is being
   * imported is using a compatible model architecture"; when a wrong layout is
   * refused is open. 'atEnd' (the default): CreateModelImportJob accepts any
   * source, and the job reads it when it ends, Failed with a failureMessage,
   * so a caller learns of a wrong source only after the job's time.
   * 'atCreate': CreateModelImportJob reads it too and refuses a wrong layout or
   * architecture with ValidationException (the failureMessage as message);
   * the job still reads it when it ends.
   */
  sourceCheck: 'atEnd' | 'atCreate';
  /**
   * L-20. Whether the imported model name of a job InProgress is taken before its model exists.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelImportJob.html
   * models ConflictException without saying for which names. 'taken' (the
   * default): CreateModelImportJob with that name is refused with
   * ConflictException, as a name in use or of an existing model is, the
   * reading that refuses more. 'free': it is accepted, and a job whose model
   * name is taken when it ends fails then, after all its time.
   */
  modelNameWhileRunning: 'taken' | 'free';
  /**
   * L-21. What DeleteImportedModel does to the job that imported the model.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteImportedModel.html
   * says nothing of the job. 'kept' (the default): the job stays, listed and
   * readable, with the `importedModelArn` of a model that no longer exists, as
   * a customization job stays after its model; a reader of the job must not
   * take that ARN for a model. 'deleted': the job goes with its model and its
   * tags (GetModelImportJob: ResourceNotFoundException; its name free again).
   */
  deletedModelJob: 'kept' | 'deleted';
}

export function defaultImportRules(): ImportRules {
  return { ...defaultSourceRules(), sourceCheck: 'atEnd', modelNameWhileRunning: 'taken', deletedModelJob: 'kept' };
}
