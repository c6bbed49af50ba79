/**
 * The Cedar engine (4 MB of WebAssembly) is loaded only when a Cedar policy is synthesized: apps without policies
 * never load it, and importing the library does not either. (Its cost is measured in bench/cedar.bench.ts.)
 */
test('importing the library and synthesizing an app without policies never loads @cedar-policy/cedar-wasm; a policy does, once', () => {
  let loads = 0;
  jest.isolateModules(() => {
    jest.doMock('@cedar-policy/cedar-wasm/nodejs', () => {
      loads++;
      return jest.requireActual('@cedar-policy/cedar-wasm/nodejs');
    });
    /* eslint-disable @typescript-eslint/no-require-imports */
    const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const lib = require('../../lib') as typeof import('../../lib');
    /* eslint-enable @typescript-eslint/no-require-imports */

    const plain = new cdk.App();
    const stack = new cdk.Stack(plain, 'NoPolicies');
    new lib.PolicyEngine(stack, 'Engine');
    new lib.Gateway(stack, 'Tools');
    plain.synth();
    expect(loads).toBe(0);

    const withPolicies = new cdk.App();
    const engine = new lib.PolicyEngine(new cdk.Stack(withPolicies, 'Policies'), 'Engine');
    for (const id of ['A', 'B']) {
      engine.addPolicy(id, { statement: lib.CedarStatement.fromString('forbid(principal, action, resource) when { context.input has secret };') });
    }
    withPolicies.synth();
    expect(loads).toBe(1);
  });
});
