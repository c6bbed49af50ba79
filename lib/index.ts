export * from './agent-runtime';
export * from './environment';
export * from './execution-role';
export * from './gateway';
export * from './memory';
export * from './nag';
export * from './policy';
export * from './ssm';
