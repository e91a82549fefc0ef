export * from './days';
export * from './descriptive';
export * from './logistic';
export * from './difficulty-scale';
export * from './ability';
