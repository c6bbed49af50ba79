export * from './agentcore-checks';
export * as rules from './rules';
