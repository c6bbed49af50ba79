export * from './agent-runtime';
export * from './execution-role';
export * from './ssm';
