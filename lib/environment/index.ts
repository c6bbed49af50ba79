export * from './agentcore-environment';
