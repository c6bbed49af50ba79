export * from './memory';
export * from './memory-access';
export * from './memory-strategy';
