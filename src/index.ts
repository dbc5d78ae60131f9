// One folder per resource kind; src/private holds the constructs' kit, src/contract what every side shares.
export * from './model-customization-job/model-customization-job';
export * from './model-customization-job/model-customization-job-base';
export * from './model-customization-job/model-customization-job-props';
export * from './model-customization-job/base-model';
export * from './model-customization-job/customization';
export * from './model-customization-job/data';
export * from './model-customization-job/metadata-filter';
export * from './model-customization-job/rft-hyperparameters';
export * from './model-customization-job/teacher-model';
export * from './custom-model/custom-model';
export * from './custom-model/custom-model-lookup';
export * from './custom-model-import/custom-model-import';
export * from './custom-model-import/model-source';
export * from './custom-model-deployment/custom-model-deployment';
export * from './provisioned-throughput/provisioned-throughput';
export * from './invocation-logging/invocation-logging';
