export * from './cedar-policy';
export * from './policy-engine';
export * from './statement';
export * from './types';
