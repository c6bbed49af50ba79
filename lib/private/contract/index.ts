/**
 * The contract between the constructs (`lib/`), the provider handler (`lambda/`), the cdk-nag rules (`lib/nag/`) and
 * the invoke CLI (`cli/`): resource type names, grammars of names, ids and ARNs, service limits, the provider's
 * timing, ownership tags, the mutable-image-tag rule and what a credential looks like. Each fact is defined once, here.
 *
 * Pure TypeScript: no aws-cdk-lib, no Node.js or AWS SDK imports, so esbuild bundles it into the Lambda and the CLI
 * and jsii compiles it with the library. Limits name the API-model shape they come from; where a rule here is
 * stricter than the model on purpose, its doc comment says so (the conformance tests check both).
 */
export * from './enums';
export * from './environment';
export * from './grammar';
export * from './image-tags';
export * from './limits';
export * from './ownership';
export * from './policy';
export * from './resource-types';
export * from './runtime-endpoints';
export * from './runtime-properties';
export * from './secret-reference';
export * from './secrets';
export * from './timing';
