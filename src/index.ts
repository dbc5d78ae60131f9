export * from './base-model';
export * from './custom-model';
export * from './customization';
export * from './data';
export * from './metadata-filter';
export * from './model-customization-job';
export * from './rft-hyperparameters';
export * from './teacher-model';
