export * from './agent-runtime';
export * from './artifact';
export * from './endpoint';
export * from './health-check';
export * from './types';
