export * from './authorizer';
export * from './credentials';
export * from './gateway';
export * from './target';
