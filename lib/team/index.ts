export * from './agent-team';
export * from './peer-options';
