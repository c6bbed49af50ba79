export * from './agent-runtime';
export * from './artifact';
export * from './types';
