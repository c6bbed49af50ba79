export * from './bedrock-model';
export * from './execution-role';
export * from './grants';
