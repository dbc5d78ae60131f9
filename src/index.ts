export * from './base-model';
export * from './custom-model';
export * from './customization';
export * from './data';
export * from './model-customization-job';
