export * from './agent-runtime';
export * from './execution-role';
export * from './memory';
export * from './nag';
export * from './ssm';
