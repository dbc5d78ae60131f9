// Generated from the Bedrock API model (com.amazonaws.bedrock#AmazonBedrockControlPlaneService, version 2023-04-20)
// by scripts/derive-constraints.ts. Do not edit: run `npx projen constraints` to regenerate.
import { ConstraintsFixture } from './constraints';

export const CONSTRAINTS: ConstraintsFixture = {
  "errors": {
    "AccessDeniedException": {
      "fault": "client",
      "httpError": 403
    },
    "ConflictException": {
      "fault": "client",
      "httpError": 400
    },
    "InternalServerException": {
      "fault": "server",
      "httpError": 500
    },
    "ResourceNotFoundException": {
      "fault": "client",
      "httpError": 404
    },
    "ServiceQuotaExceededException": {
      "fault": "client",
      "httpError": 400
    },
    "ThrottlingException": {
      "fault": "client",
      "httpError": 429
    },
    "TooManyTagsException": {
      "fault": "client",
      "httpError": 400
    },
    "ValidationException": {
      "fault": "client",
      "httpError": 400
    }
  },
  "model": {
    "service": "com.amazonaws.bedrock#AmazonBedrockControlPlaneService",
    "sha256": "b9e8fab29b341ec2ee53cafac72f2291e905f70a220c38f1d30e0f02f9328e2c",
    "version": "2023-04-20"
  },
  "operations": {
    "CreateCustomModel": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 202,
        "method": "POST",
        "uri": "/custom-models/create-custom-model"
      },
      "idempotent": true,
      "input": "CreateCustomModelRequest"
    },
    "CreateCustomModelDeployment": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 202,
        "method": "POST",
        "uri": "/model-customization/custom-model-deployments"
      },
      "idempotent": true,
      "input": "CreateCustomModelDeploymentRequest"
    },
    "CreateModelCustomizationJob": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 201,
        "method": "POST",
        "uri": "/model-customization-jobs"
      },
      "idempotent": true,
      "input": "CreateModelCustomizationJobRequest"
    },
    "CreateModelImportJob": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 201,
        "method": "POST",
        "uri": "/model-import-jobs"
      },
      "idempotent": true,
      "input": "CreateModelImportJobRequest"
    },
    "CreateProvisionedModelThroughput": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 201,
        "method": "POST",
        "uri": "/provisioned-model-throughput"
      },
      "idempotent": true,
      "input": "CreateProvisionedModelThroughputRequest"
    },
    "DeleteCustomModel": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "DELETE",
        "uri": "/custom-models/{modelIdentifier}"
      },
      "idempotent": true,
      "input": "DeleteCustomModelRequest"
    },
    "DeleteCustomModelDeployment": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "DELETE",
        "uri": "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}"
      },
      "idempotent": true,
      "input": "DeleteCustomModelDeploymentRequest"
    },
    "DeleteImportedModel": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "DELETE",
        "uri": "/imported-models/{modelIdentifier}"
      },
      "idempotent": true,
      "input": "DeleteImportedModelRequest"
    },
    "DeleteModelInvocationLoggingConfiguration": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException"
      ],
      "http": {
        "code": 200,
        "method": "DELETE",
        "uri": "/logging/modelinvocations"
      },
      "idempotent": true,
      "input": "DeleteModelInvocationLoggingConfigurationRequest"
    },
    "DeleteProvisionedModelThroughput": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "DELETE",
        "uri": "/provisioned-model-throughput/{provisionedModelId}"
      },
      "idempotent": true,
      "input": "DeleteProvisionedModelThroughputRequest"
    },
    "GetCustomModel": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/custom-models/{modelIdentifier}"
      },
      "input": "GetCustomModelRequest",
      "readonly": true
    },
    "GetCustomModelDeployment": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}"
      },
      "input": "GetCustomModelDeploymentRequest",
      "readonly": true
    },
    "GetFoundationModel": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/foundation-models/{modelIdentifier}"
      },
      "input": "GetFoundationModelRequest",
      "readonly": true
    },
    "GetImportedModel": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/imported-models/{modelIdentifier}"
      },
      "input": "GetImportedModelRequest",
      "readonly": true
    },
    "GetModelCustomizationJob": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/model-customization-jobs/{jobIdentifier}"
      },
      "input": "GetModelCustomizationJobRequest",
      "readonly": true
    },
    "GetModelImportJob": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/model-import-jobs/{jobIdentifier}"
      },
      "input": "GetModelImportJobRequest",
      "readonly": true
    },
    "GetModelInvocationLoggingConfiguration": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/logging/modelinvocations"
      },
      "input": "GetModelInvocationLoggingConfigurationRequest",
      "readonly": true
    },
    "GetProvisionedModelThroughput": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/provisioned-model-throughput/{provisionedModelId}"
      },
      "input": "GetProvisionedModelThroughputRequest",
      "readonly": true
    },
    "ListCustomModels": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/custom-models"
      },
      "input": "ListCustomModelsRequest",
      "paginated": {
        "inputToken": "nextToken",
        "items": "modelSummaries",
        "outputToken": "nextToken",
        "pageSize": "maxResults"
      },
      "readonly": true
    },
    "ListFoundationModels": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/foundation-models"
      },
      "input": "ListFoundationModelsRequest",
      "readonly": true
    },
    "ListModelCustomizationJobs": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/model-customization-jobs"
      },
      "input": "ListModelCustomizationJobsRequest",
      "paginated": {
        "inputToken": "nextToken",
        "items": "modelCustomizationJobSummaries",
        "outputToken": "nextToken",
        "pageSize": "maxResults"
      },
      "readonly": true
    },
    "ListModelImportJobs": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "GET",
        "uri": "/model-import-jobs"
      },
      "input": "ListModelImportJobsRequest",
      "paginated": {
        "inputToken": "nextToken",
        "items": "modelImportJobSummaries",
        "outputToken": "nextToken",
        "pageSize": "maxResults"
      },
      "readonly": true
    },
    "ListTagsForResource": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "POST",
        "uri": "/listTagsForResource"
      },
      "input": "ListTagsForResourceRequest"
    },
    "PutModelInvocationLoggingConfiguration": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "PUT",
        "uri": "/logging/modelinvocations"
      },
      "idempotent": true,
      "input": "PutModelInvocationLoggingConfigurationRequest"
    },
    "StopModelCustomizationJob": {
      "errors": [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "POST",
        "uri": "/model-customization-jobs/{jobIdentifier}/stop"
      },
      "idempotent": true,
      "input": "StopModelCustomizationJobRequest"
    },
    "TagResource": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "TooManyTagsException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "POST",
        "uri": "/tagResource"
      },
      "input": "TagResourceRequest"
    },
    "UntagResource": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "POST",
        "uri": "/untagResource"
      },
      "input": "UntagResourceRequest"
    },
    "UpdateCustomModelDeployment": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 202,
        "method": "PATCH",
        "uri": "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}"
      },
      "idempotent": true,
      "input": "UpdateCustomModelDeploymentRequest"
    },
    "UpdateProvisionedModelThroughput": {
      "errors": [
        "AccessDeniedException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "ValidationException"
      ],
      "http": {
        "code": 200,
        "method": "PATCH",
        "uri": "/provisioned-model-throughput/{provisionedModelId}"
      },
      "idempotent": true,
      "input": "UpdateProvisionedModelThroughputRequest"
    }
  },
  "shapes": {
    "BaseModelIdentifier": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$",
      "type": "string"
    },
    "Boolean": {
      "type": "boolean"
    },
    "BucketName": {
      "length": {
        "max": 63,
        "min": 3
      },
      "type": "string"
    },
    "CloudWatchConfig": {
      "members": {
        "largeDataDeliveryS3Config": {
          "target": "S3Config"
        },
        "logGroupName": {
          "required": true,
          "target": "LogGroupName"
        },
        "roleArn": {
          "required": true,
          "target": "RoleArn"
        }
      },
      "type": "structure"
    },
    "CommitmentDuration": {
      "enum": [
        "OneMonth",
        "SixMonths"
      ],
      "type": "enum"
    },
    "CreateCustomModelDeploymentRequest": {
      "members": {
        "clientRequestToken": {
          "idempotencyToken": true,
          "location": "body",
          "target": "IdempotencyToken"
        },
        "description": {
          "location": "body",
          "target": "CustomModelDeploymentDescription"
        },
        "modelArn": {
          "location": "body",
          "required": true,
          "target": "CustomModelArn"
        },
        "modelDeploymentName": {
          "location": "body",
          "required": true,
          "target": "ModelDeploymentName"
        },
        "tags": {
          "location": "body",
          "target": "TagList"
        }
      },
      "type": "structure"
    },
    "CreateCustomModelRequest": {
      "members": {
        "clientRequestToken": {
          "idempotencyToken": true,
          "location": "body",
          "target": "IdempotencyToken"
        },
        "modelKmsKeyArn": {
          "location": "body",
          "target": "KmsKeyArn"
        },
        "modelName": {
          "location": "body",
          "required": true,
          "target": "CustomModelName"
        },
        "modelSourceConfig": {
          "location": "body",
          "required": true,
          "target": "ModelDataSource"
        },
        "modelTags": {
          "location": "body",
          "target": "TagList"
        },
        "roleArn": {
          "location": "body",
          "target": "RoleArn"
        }
      },
      "type": "structure"
    },
    "CreateModelCustomizationJobRequest": {
      "members": {
        "baseModelIdentifier": {
          "location": "body",
          "required": true,
          "target": "BaseModelIdentifier"
        },
        "clientRequestToken": {
          "idempotencyToken": true,
          "location": "body",
          "target": "IdempotencyToken"
        },
        "customModelKmsKeyId": {
          "location": "body",
          "target": "KmsKeyId"
        },
        "customModelName": {
          "location": "body",
          "required": true,
          "target": "CustomModelName"
        },
        "customModelTags": {
          "location": "body",
          "target": "TagList"
        },
        "customizationConfig": {
          "location": "body",
          "target": "CustomizationConfig"
        },
        "customizationType": {
          "location": "body",
          "target": "CustomizationType"
        },
        "hyperParameters": {
          "location": "body",
          "target": "ModelCustomizationHyperParameters"
        },
        "jobName": {
          "location": "body",
          "required": true,
          "target": "JobName"
        },
        "jobTags": {
          "location": "body",
          "target": "TagList"
        },
        "outputDataConfig": {
          "location": "body",
          "required": true,
          "target": "OutputDataConfig"
        },
        "roleArn": {
          "location": "body",
          "required": true,
          "target": "RoleArn"
        },
        "trainingDataConfig": {
          "location": "body",
          "required": true,
          "target": "TrainingDataConfig"
        },
        "validationDataConfig": {
          "location": "body",
          "target": "ValidationDataConfig"
        },
        "vpcConfig": {
          "location": "body",
          "target": "VpcConfig"
        }
      },
      "type": "structure"
    },
    "CreateModelImportJobRequest": {
      "members": {
        "clientRequestToken": {
          "location": "body",
          "target": "IdempotencyToken"
        },
        "importedModelKmsKeyId": {
          "location": "body",
          "target": "KmsKeyId"
        },
        "importedModelName": {
          "location": "body",
          "required": true,
          "target": "ImportedModelName"
        },
        "importedModelTags": {
          "location": "body",
          "target": "TagList"
        },
        "jobName": {
          "location": "body",
          "required": true,
          "target": "JobName"
        },
        "jobTags": {
          "location": "body",
          "target": "TagList"
        },
        "modelDataSource": {
          "location": "body",
          "required": true,
          "target": "ModelDataSource"
        },
        "roleArn": {
          "location": "body",
          "required": true,
          "target": "RoleArn"
        },
        "vpcConfig": {
          "location": "body",
          "target": "VpcConfig"
        }
      },
      "type": "structure"
    },
    "CreateProvisionedModelThroughputRequest": {
      "members": {
        "clientRequestToken": {
          "idempotencyToken": true,
          "location": "body",
          "target": "IdempotencyToken"
        },
        "commitmentDuration": {
          "location": "body",
          "target": "CommitmentDuration"
        },
        "modelId": {
          "location": "body",
          "required": true,
          "target": "ModelIdentifier"
        },
        "modelUnits": {
          "location": "body",
          "required": true,
          "target": "PositiveInteger"
        },
        "provisionedModelName": {
          "location": "body",
          "required": true,
          "target": "ProvisionedModelName"
        },
        "tags": {
          "location": "body",
          "target": "TagList"
        }
      },
      "type": "structure"
    },
    "CustomModelArn": {
      "length": {
        "max": 1011,
        "min": 20
      },
      "pattern": "^arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported|[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})/[a-z0-9]{12}$",
      "type": "string"
    },
    "CustomModelDeploymentDescription": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^.*$",
      "type": "string"
    },
    "CustomModelDeploymentIdentifier": {
      "length": {
        "max": 93,
        "min": 1
      },
      "pattern": "^(arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model-deployment/[a-z0-9]{12})|^([0-9a-zA-Z][_-]?){1,63}$",
      "type": "string"
    },
    "CustomModelName": {
      "length": {
        "max": 63,
        "min": 1
      },
      "pattern": "^([0-9a-zA-Z][_-]?){1,63}$",
      "type": "string"
    },
    "CustomizationConfig": {
      "members": {
        "distillationConfig": {
          "target": "DistillationConfig"
        },
        "rftConfig": {
          "target": "RFTConfig"
        }
      },
      "type": "union"
    },
    "CustomizationType": {
      "enum": [
        "FINE_TUNING",
        "CONTINUED_PRE_TRAINING",
        "DISTILLATION",
        "REINFORCEMENT_FINE_TUNING",
        "IMPORTED"
      ],
      "type": "enum"
    },
    "DeleteCustomModelDeploymentRequest": {
      "members": {
        "customModelDeploymentIdentifier": {
          "location": "label",
          "required": true,
          "target": "CustomModelDeploymentIdentifier"
        }
      },
      "type": "structure"
    },
    "DeleteCustomModelRequest": {
      "members": {
        "modelIdentifier": {
          "location": "label",
          "required": true,
          "target": "ModelIdentifier"
        }
      },
      "type": "structure"
    },
    "DeleteImportedModelRequest": {
      "members": {
        "modelIdentifier": {
          "location": "label",
          "required": true,
          "target": "ImportedModelIdentifier"
        }
      },
      "type": "structure"
    },
    "DeleteModelInvocationLoggingConfigurationRequest": {
      "members": {},
      "type": "structure"
    },
    "DeleteProvisionedModelThroughputRequest": {
      "members": {
        "provisionedModelId": {
          "location": "label",
          "required": true,
          "target": "ProvisionedModelId"
        }
      },
      "type": "structure"
    },
    "DistillationConfig": {
      "members": {
        "teacherModelConfig": {
          "required": true,
          "target": "TeacherModelConfig"
        }
      },
      "type": "structure"
    },
    "EpochCount": {
      "range": {
        "max": 50,
        "min": 1
      },
      "type": "integer"
    },
    "FineTuningJobStatus": {
      "enum": [
        "InProgress",
        "Completed",
        "Failed",
        "Stopping",
        "Stopped"
      ],
      "type": "enum"
    },
    "FoundationModelArn": {
      "pattern": "^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}$",
      "type": "string"
    },
    "GetCustomModelDeploymentRequest": {
      "members": {
        "customModelDeploymentIdentifier": {
          "location": "label",
          "required": true,
          "target": "CustomModelDeploymentIdentifier"
        }
      },
      "type": "structure"
    },
    "GetCustomModelRequest": {
      "members": {
        "modelIdentifier": {
          "location": "label",
          "required": true,
          "target": "ModelIdentifier"
        }
      },
      "type": "structure"
    },
    "GetFoundationModelIdentifier": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})$",
      "type": "string"
    },
    "GetFoundationModelRequest": {
      "members": {
        "modelIdentifier": {
          "location": "label",
          "required": true,
          "target": "GetFoundationModelIdentifier"
        }
      },
      "type": "structure"
    },
    "GetImportedModelRequest": {
      "members": {
        "modelIdentifier": {
          "location": "label",
          "required": true,
          "target": "ImportedModelIdentifier"
        }
      },
      "type": "structure"
    },
    "GetModelCustomizationJobRequest": {
      "members": {
        "jobIdentifier": {
          "location": "label",
          "required": true,
          "target": "ModelCustomizationJobIdentifier"
        }
      },
      "type": "structure"
    },
    "GetModelImportJobRequest": {
      "members": {
        "jobIdentifier": {
          "location": "label",
          "required": true,
          "target": "ModelImportJobIdentifier"
        }
      },
      "type": "structure"
    },
    "GetModelInvocationLoggingConfigurationRequest": {
      "members": {},
      "type": "structure"
    },
    "GetProvisionedModelThroughputRequest": {
      "members": {
        "provisionedModelId": {
          "location": "label",
          "required": true,
          "target": "ProvisionedModelId"
        }
      },
      "type": "structure"
    },
    "GraderConfig": {
      "members": {
        "lambdaGrader": {
          "target": "LambdaGraderConfig"
        }
      },
      "type": "union"
    },
    "IdempotencyToken": {
      "length": {
        "max": 256,
        "min": 1
      },
      "pattern": "^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$",
      "type": "string"
    },
    "ImportedModelIdentifier": {
      "length": {
        "max": 1011,
        "min": 1
      },
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:imported-model/[a-z0-9]{12})|(([0-9a-zA-Z][_-]?)+)$",
      "type": "string"
    },
    "ImportedModelName": {
      "length": {
        "max": 63,
        "min": 1
      },
      "pattern": "^([0-9a-zA-Z][_-]?)+$",
      "type": "string"
    },
    "InferenceType": {
      "enum": [
        "ON_DEMAND",
        "PROVISIONED"
      ],
      "type": "enum"
    },
    "Integer": {
      "type": "integer"
    },
    "InvocationLogSource": {
      "members": {
        "s3Uri": {
          "target": "S3Uri"
        }
      },
      "type": "union"
    },
    "InvocationLogsConfig": {
      "members": {
        "invocationLogSource": {
          "required": true,
          "target": "InvocationLogSource"
        },
        "requestMetadataFilters": {
          "target": "RequestMetadataFilters"
        },
        "usePromptResponse": {
          "default": false,
          "target": "UsePromptResponse"
        }
      },
      "type": "structure"
    },
    "JobName": {
      "length": {
        "max": 63,
        "min": 1
      },
      "pattern": "^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$",
      "type": "string"
    },
    "KeyPrefix": {
      "length": {
        "max": 1024
      },
      "type": "string"
    },
    "KmsKeyArn": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}$",
      "type": "string"
    },
    "KmsKeyId": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)$",
      "type": "string"
    },
    "LambdaArn": {
      "length": {
        "max": 512,
        "min": 1
      },
      "pattern": "^arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_\\.]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?$",
      "type": "string"
    },
    "LambdaGraderConfig": {
      "members": {
        "lambdaArn": {
          "required": true,
          "target": "LambdaArn"
        }
      },
      "type": "structure"
    },
    "ListCustomModelsRequest": {
      "members": {
        "baseModelArnEquals": {
          "location": "query",
          "locationName": "baseModelArnEquals",
          "target": "ModelArn"
        },
        "creationTimeAfter": {
          "location": "query",
          "locationName": "creationTimeAfter",
          "target": "Timestamp"
        },
        "creationTimeBefore": {
          "location": "query",
          "locationName": "creationTimeBefore",
          "target": "Timestamp"
        },
        "foundationModelArnEquals": {
          "location": "query",
          "locationName": "foundationModelArnEquals",
          "target": "FoundationModelArn"
        },
        "isOwned": {
          "location": "query",
          "locationName": "isOwned",
          "target": "Boolean"
        },
        "maxResults": {
          "location": "query",
          "locationName": "maxResults",
          "target": "MaxResults"
        },
        "modelStatus": {
          "location": "query",
          "locationName": "modelStatus",
          "target": "ModelStatus"
        },
        "nameContains": {
          "location": "query",
          "locationName": "nameContains",
          "target": "CustomModelName"
        },
        "nextToken": {
          "location": "query",
          "locationName": "nextToken",
          "target": "PaginationToken"
        },
        "sortBy": {
          "location": "query",
          "locationName": "sortBy",
          "target": "SortModelsBy"
        },
        "sortOrder": {
          "location": "query",
          "locationName": "sortOrder",
          "target": "SortOrder"
        }
      },
      "type": "structure"
    },
    "ListFoundationModelsRequest": {
      "members": {
        "byCustomizationType": {
          "location": "query",
          "locationName": "byCustomizationType",
          "target": "ModelCustomization"
        },
        "byInferenceType": {
          "location": "query",
          "locationName": "byInferenceType",
          "target": "InferenceType"
        },
        "byOutputModality": {
          "location": "query",
          "locationName": "byOutputModality",
          "target": "ModelModality"
        },
        "byProvider": {
          "location": "query",
          "locationName": "byProvider",
          "target": "Provider"
        }
      },
      "type": "structure"
    },
    "ListModelCustomizationJobsRequest": {
      "members": {
        "creationTimeAfter": {
          "location": "query",
          "locationName": "creationTimeAfter",
          "target": "Timestamp"
        },
        "creationTimeBefore": {
          "location": "query",
          "locationName": "creationTimeBefore",
          "target": "Timestamp"
        },
        "maxResults": {
          "location": "query",
          "locationName": "maxResults",
          "target": "MaxResults"
        },
        "nameContains": {
          "location": "query",
          "locationName": "nameContains",
          "target": "JobName"
        },
        "nextToken": {
          "location": "query",
          "locationName": "nextToken",
          "target": "PaginationToken"
        },
        "sortBy": {
          "location": "query",
          "locationName": "sortBy",
          "target": "SortJobsBy"
        },
        "sortOrder": {
          "location": "query",
          "locationName": "sortOrder",
          "target": "SortOrder"
        },
        "statusEquals": {
          "location": "query",
          "locationName": "statusEquals",
          "target": "FineTuningJobStatus"
        }
      },
      "type": "structure"
    },
    "ListModelImportJobsRequest": {
      "members": {
        "creationTimeAfter": {
          "location": "query",
          "locationName": "creationTimeAfter",
          "target": "Timestamp"
        },
        "creationTimeBefore": {
          "location": "query",
          "locationName": "creationTimeBefore",
          "target": "Timestamp"
        },
        "maxResults": {
          "location": "query",
          "locationName": "maxResults",
          "target": "MaxResults"
        },
        "nameContains": {
          "location": "query",
          "locationName": "nameContains",
          "target": "JobName"
        },
        "nextToken": {
          "location": "query",
          "locationName": "nextToken",
          "target": "PaginationToken"
        },
        "sortBy": {
          "location": "query",
          "locationName": "sortBy",
          "target": "SortJobsBy"
        },
        "sortOrder": {
          "location": "query",
          "locationName": "sortOrder",
          "target": "SortOrder"
        },
        "statusEquals": {
          "location": "query",
          "locationName": "statusEquals",
          "target": "ModelImportJobStatus"
        }
      },
      "type": "structure"
    },
    "ListTagsForResourceRequest": {
      "members": {
        "resourceARN": {
          "location": "body",
          "required": true,
          "target": "TaggableResourcesArn"
        }
      },
      "type": "structure"
    },
    "LogGroupName": {
      "length": {
        "max": 512,
        "min": 1
      },
      "type": "string"
    },
    "LoggingConfig": {
      "members": {
        "audioDataDeliveryEnabled": {
          "target": "Boolean"
        },
        "cloudWatchConfig": {
          "target": "CloudWatchConfig"
        },
        "embeddingDataDeliveryEnabled": {
          "target": "Boolean"
        },
        "imageDataDeliveryEnabled": {
          "target": "Boolean"
        },
        "s3Config": {
          "target": "S3Config"
        },
        "textDataDeliveryEnabled": {
          "target": "Boolean"
        },
        "videoDataDeliveryEnabled": {
          "target": "Boolean"
        }
      },
      "type": "structure"
    },
    "MaxResults": {
      "range": {
        "max": 1000,
        "min": 1
      },
      "type": "integer"
    },
    "ModelArn": {
      "length": {
        "max": 1011,
        "min": 20
      },
      "pattern": "^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/((imported)|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}))$",
      "type": "string"
    },
    "ModelCustomization": {
      "enum": [
        "FINE_TUNING",
        "CONTINUED_PRE_TRAINING",
        "DISTILLATION"
      ],
      "type": "enum"
    },
    "ModelCustomizationHyperParameters": {
      "key": {
        "target": "String"
      },
      "type": "map",
      "value": {
        "target": "String"
      }
    },
    "ModelCustomizationJobIdentifier": {
      "length": {
        "max": 1011
      },
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}/[a-z0-9]{12})|([a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*)$",
      "type": "string"
    },
    "ModelDataSource": {
      "members": {
        "s3DataSource": {
          "target": "S3DataSource"
        }
      },
      "type": "union"
    },
    "ModelDeploymentName": {
      "length": {
        "max": 63,
        "min": 1
      },
      "pattern": "^([0-9a-zA-Z][_-]?){1,63}$",
      "type": "string"
    },
    "ModelIdentifier": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/((imported)|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?/[a-z0-9]{12})|(:foundation-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})))|(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}))|(([0-9a-zA-Z][_-]?)+)$",
      "type": "string"
    },
    "ModelImportJobIdentifier": {
      "length": {
        "max": 1011
      },
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-import-job/[a-z0-9]{12})|([a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*)$",
      "type": "string"
    },
    "ModelImportJobStatus": {
      "enum": [
        "InProgress",
        "Completed",
        "Failed"
      ],
      "type": "enum"
    },
    "ModelModality": {
      "enum": [
        "TEXT",
        "IMAGE",
        "EMBEDDING"
      ],
      "type": "enum"
    },
    "ModelStatus": {
      "enum": [
        "Active",
        "Creating",
        "Failed"
      ],
      "type": "enum"
    },
    "OutputDataConfig": {
      "members": {
        "s3Uri": {
          "required": true,
          "target": "S3Uri"
        }
      },
      "type": "structure"
    },
    "PaginationToken": {
      "length": {
        "max": 2048,
        "min": 1
      },
      "pattern": "^\\S*$",
      "type": "string"
    },
    "PositiveInteger": {
      "range": {
        "min": 1
      },
      "type": "integer"
    },
    "Provider": {
      "pattern": "^[A-Za-z0-9- ]{1,63}$",
      "type": "string"
    },
    "ProvisionedModelId": {
      "pattern": "^((([0-9a-zA-Z][_-]?)+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:provisioned-model/[a-z0-9]{12}))$",
      "type": "string"
    },
    "ProvisionedModelName": {
      "length": {
        "max": 63,
        "min": 1
      },
      "pattern": "^([0-9a-zA-Z][_-]?)+$",
      "type": "string"
    },
    "PutModelInvocationLoggingConfigurationRequest": {
      "members": {
        "loggingConfig": {
          "location": "body",
          "required": true,
          "target": "LoggingConfig"
        }
      },
      "type": "structure"
    },
    "RFTBatchSize": {
      "range": {
        "max": 512,
        "min": 16
      },
      "type": "integer"
    },
    "RFTConfig": {
      "members": {
        "graderConfig": {
          "target": "GraderConfig"
        },
        "hyperParameters": {
          "target": "RFTHyperParameters"
        }
      },
      "type": "structure"
    },
    "RFTEvalInterval": {
      "range": {
        "max": 100,
        "min": 1
      },
      "type": "integer"
    },
    "RFTHyperParameters": {
      "members": {
        "batchSize": {
          "target": "RFTBatchSize"
        },
        "epochCount": {
          "target": "EpochCount"
        },
        "evalInterval": {
          "target": "RFTEvalInterval"
        },
        "inferenceMaxTokens": {
          "target": "RFTInferenceMaxTokens"
        },
        "learningRate": {
          "target": "RFTLearningRate"
        },
        "maxPromptLength": {
          "target": "RFTMaxPromptLength"
        },
        "reasoningEffort": {
          "target": "ReasoningEffort"
        },
        "trainingSamplePerPrompt": {
          "target": "RFTTrainingSamplePerPrompt"
        }
      },
      "type": "structure"
    },
    "RFTInferenceMaxTokens": {
      "type": "integer"
    },
    "RFTLearningRate": {
      "range": {
        "max": 0.001,
        "min": 1e-7
      },
      "type": "float"
    },
    "RFTMaxPromptLength": {
      "type": "integer"
    },
    "RFTTrainingSamplePerPrompt": {
      "range": {
        "max": 16,
        "min": 2
      },
      "type": "integer"
    },
    "ReasoningEffort": {
      "enum": [
        "low",
        "medium",
        "high"
      ],
      "type": "enum"
    },
    "RequestMetadataBaseFilters": {
      "members": {
        "equals": {
          "target": "RequestMetadataMap"
        },
        "notEquals": {
          "target": "RequestMetadataMap"
        }
      },
      "type": "structure"
    },
    "RequestMetadataFilters": {
      "members": {
        "andAll": {
          "target": "RequestMetadataFiltersList"
        },
        "equals": {
          "target": "RequestMetadataMap"
        },
        "notEquals": {
          "target": "RequestMetadataMap"
        },
        "orAll": {
          "target": "RequestMetadataFiltersList"
        }
      },
      "type": "union"
    },
    "RequestMetadataFiltersList": {
      "length": {
        "max": 16,
        "min": 1
      },
      "member": {
        "target": "RequestMetadataBaseFilters"
      },
      "type": "list"
    },
    "RequestMetadataMap": {
      "key": {
        "length": {
          "max": 256,
          "min": 1
        },
        "pattern": "^[a-zA-Z0-9\\s._:/=+$@-]{1,256}$",
        "target": "String"
      },
      "length": {
        "max": 1,
        "min": 1
      },
      "type": "map",
      "value": {
        "length": {
          "max": 256,
          "min": 0
        },
        "pattern": "^[a-zA-Z0-9\\s._:/=+$@-]{0,256}$",
        "target": "String"
      }
    },
    "RoleArn": {
      "length": {
        "max": 2048
      },
      "pattern": "^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$",
      "type": "string"
    },
    "S3Config": {
      "members": {
        "bucketName": {
          "required": true,
          "target": "BucketName"
        },
        "keyPrefix": {
          "target": "KeyPrefix"
        }
      },
      "type": "structure"
    },
    "S3DataSource": {
      "members": {
        "s3Uri": {
          "required": true,
          "target": "S3Uri"
        }
      },
      "type": "structure"
    },
    "S3Uri": {
      "length": {
        "max": 1024,
        "min": 1
      },
      "pattern": "^s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?$",
      "type": "string"
    },
    "SecurityGroupId": {
      "length": {
        "max": 32
      },
      "pattern": "^[-0-9a-zA-Z]+$",
      "type": "string"
    },
    "SecurityGroupIds": {
      "length": {
        "max": 5,
        "min": 1
      },
      "member": {
        "target": "SecurityGroupId"
      },
      "type": "list"
    },
    "SortJobsBy": {
      "enum": [
        "CreationTime"
      ],
      "type": "enum"
    },
    "SortModelsBy": {
      "enum": [
        "CreationTime"
      ],
      "type": "enum"
    },
    "SortOrder": {
      "enum": [
        "Ascending",
        "Descending"
      ],
      "type": "enum"
    },
    "StopModelCustomizationJobRequest": {
      "members": {
        "jobIdentifier": {
          "location": "label",
          "required": true,
          "target": "ModelCustomizationJobIdentifier"
        }
      },
      "type": "structure"
    },
    "String": {
      "type": "string"
    },
    "SubnetId": {
      "length": {
        "max": 32
      },
      "pattern": "^[-0-9a-zA-Z]+$",
      "type": "string"
    },
    "SubnetIds": {
      "length": {
        "max": 16,
        "min": 1
      },
      "member": {
        "target": "SubnetId"
      },
      "type": "list"
    },
    "Tag": {
      "members": {
        "key": {
          "required": true,
          "target": "TagKey"
        },
        "value": {
          "required": true,
          "target": "TagValue"
        }
      },
      "type": "structure"
    },
    "TagKey": {
      "length": {
        "max": 128,
        "min": 1
      },
      "pattern": "^[a-zA-Z0-9\\s._:/=+@-]*$",
      "type": "string"
    },
    "TagKeyList": {
      "length": {
        "max": 200,
        "min": 0
      },
      "member": {
        "target": "TagKey"
      },
      "type": "list"
    },
    "TagList": {
      "length": {
        "max": 200,
        "min": 0
      },
      "member": {
        "target": "Tag"
      },
      "type": "list"
    },
    "TagResourceRequest": {
      "members": {
        "resourceARN": {
          "location": "body",
          "required": true,
          "target": "TaggableResourcesArn"
        },
        "tags": {
          "location": "body",
          "required": true,
          "target": "TagList"
        }
      },
      "type": "structure"
    },
    "TagValue": {
      "length": {
        "max": 256,
        "min": 0
      },
      "pattern": "^[a-zA-Z0-9\\s._:/=+@-]*$",
      "type": "string"
    },
    "TaggableResourcesArn": {
      "length": {
        "max": 1011,
        "min": 20
      },
      "pattern": "(^[a-zA-Z0-9][a-zA-Z0-9\\-]*$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported)/[a-z0-9]{12}$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:([0-9]{12}|)((:(fine-tuning-job|model-customization-job|custom-model)/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12})$)|(:guardrail/[a-z0-9]+$)|(:automated-reasoning-policy/[a-zA-Z0-9]+(:[a-zA-Z0-9]+)?$)|(:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+$)|(:(provisioned-model|model-invocation-job|model-evaluation-job|evaluation-job|model-import-job|imported-model|async-invoke|provisioned-model-v2|provisioned-model-reservation|prompt-router|custom-model-deployment)/[a-z0-9]{12}$)))",
      "type": "string"
    },
    "TeacherModelConfig": {
      "members": {
        "maxResponseLengthForInference": {
          "target": "Integer"
        },
        "teacherModelIdentifier": {
          "required": true,
          "target": "TeacherModelIdentifier"
        }
      },
      "type": "structure"
    },
    "TeacherModelIdentifier": {
      "pattern": "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:((:foundation-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$)|([0-9]{12}:inference-profile/[a-zA-Z0-9-:.]+$)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})$",
      "type": "string"
    },
    "Timestamp": {
      "timestampFormat": "date-time",
      "type": "timestamp"
    },
    "TrainingDataConfig": {
      "members": {
        "invocationLogsConfig": {
          "target": "InvocationLogsConfig"
        },
        "s3Uri": {
          "target": "S3Uri"
        }
      },
      "type": "structure"
    },
    "UntagResourceRequest": {
      "members": {
        "resourceARN": {
          "location": "body",
          "required": true,
          "target": "TaggableResourcesArn"
        },
        "tagKeys": {
          "location": "body",
          "required": true,
          "target": "TagKeyList"
        }
      },
      "type": "structure"
    },
    "UpdateCustomModelDeploymentRequest": {
      "members": {
        "customModelDeploymentIdentifier": {
          "location": "label",
          "required": true,
          "target": "CustomModelDeploymentIdentifier"
        },
        "modelArn": {
          "location": "body",
          "required": true,
          "target": "CustomModelArn"
        }
      },
      "type": "structure"
    },
    "UpdateProvisionedModelThroughputRequest": {
      "members": {
        "desiredModelId": {
          "location": "body",
          "target": "ModelIdentifier"
        },
        "desiredProvisionedModelName": {
          "location": "body",
          "target": "ProvisionedModelName"
        },
        "provisionedModelId": {
          "location": "label",
          "required": true,
          "target": "ProvisionedModelId"
        }
      },
      "type": "structure"
    },
    "UsePromptResponse": {
      "default": false,
      "type": "boolean"
    },
    "ValidationDataConfig": {
      "members": {
        "validators": {
          "required": true,
          "target": "Validators"
        }
      },
      "type": "structure"
    },
    "Validator": {
      "members": {
        "s3Uri": {
          "required": true,
          "target": "S3Uri"
        }
      },
      "type": "structure"
    },
    "Validators": {
      "length": {
        "max": 10
      },
      "member": {
        "target": "Validator"
      },
      "type": "list"
    },
    "VpcConfig": {
      "members": {
        "securityGroupIds": {
          "required": true,
          "target": "SecurityGroupIds"
        },
        "subnetIds": {
          "required": true,
          "target": "SubnetIds"
        }
      },
      "type": "structure"
    }
  }
};
