export * from './execution-role';
