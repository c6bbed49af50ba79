export * from './agentcore-parameters';
export * from './ssm-outputs-options';
