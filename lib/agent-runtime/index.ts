export * from './agent-runtime';
export * from './artifact';
export * from './authorizer';
export * from './endpoint';
export * from './filesystem';
export * from './health-check';
export * from './observability';
export * from './types';
