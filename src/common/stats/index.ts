export * from './days';
export * from './descriptive';
export * from './logistic';
export * from './difficulty-scale';
export * from './classification';
export * from './ability';
export * from './hypothesis';
