import { JsonFile, awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-agentcore',
  description: 'Least-privilege AWS CDK constructs for Amazon Bedrock AgentCore: execution roles, runtimes that wait for READY, memories, gateways and a cdk-nag rule pack.',
  author: 'cdk-agentcore maintainers',
  authorAddress: 'maintainers@cdk-agentcore.dev',
  repositoryUrl: 'https://github.com/cdk-agentcore/cdk-agentcore.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,

  // Sources compile in place (lib/*.ts -> lib/*.js), like aws-cdk-lib itself.
  srcdir: 'lib',
  libdir: 'lib',
  testdir: 'test',

  // 2.258.0 is the first aws-cdk-lib whose policy-validation context carries the construct tree cdk-nag 3 needs.
  cdkVersion: '2.258.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.16.0',
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: [
    'aws-cdk@^2.1148.0',
    '@types/aws-lambda',
    // Bundled into the provider Lambda (never a runtime dependency of the library).
    '@aws-sdk/client-bedrock-agentcore-control@^3.1142.0',
    '@aws-sdk/client-bedrock-agentcore@^3.1141.0',
    // Bundled into the invoke CLI.
    '@aws-sdk/client-ssm@^3.1141.0',
    '@aws-sdk/client-cloudformation@^3.1141.0',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
    // Property-based lifecycle tests of the provider (randomized faults, shrinking).
    'fast-check@^4.3.0',
    // Validates synthesized resources against the vendored CloudFormation registry schemas (conformance tests).
    'ajv@^8.17.1',
  ],
  // The official Cedar engine (WebAssembly), loaded only when a Cedar policy is synthesized.
  bundledDeps: ['@cedar-policy/cedar-wasm@^4.8.2'],
  keywords: ['awscdk', 'aws-cdk', 'cdk', 'bedrock', 'agentcore', 'bedrock-agentcore', 'agents', 'cdk-nag', 'least-privilege'],

  publishToPypi: { distName: 'cdk-agentcore', module: 'cdk_agentcore' },
  publishToMaven: {
    javaPackage: 'dev.cdkagentcore',
    mavenGroupId: 'dev.cdk-agentcore',
    mavenArtifactId: 'cdk-agentcore',
  },
  publishToNuget: { dotNetNamespace: 'CdkAgentCore', packageId: 'CdkAgentCore' },
  publishToGo: { moduleName: 'github.com/cdk-agentcore/cdk-agentcore-go' },

  lambdaAutoDiscover: false,
  autoDetectBin: false, // bin/ holds the example app, not executables
  integrationTestAutoDiscover: false,
  sampleCode: false,
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // lib/ is compiled in place: resolve .ts before stale .js (style.md A6, pitfall 1).
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json', 'node'],
      snapshotSerializers: ['<rootDir>/test/helpers/asset-hash-serializer.ts'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Tests that spawn processes or talk to the emulator over HTTP must not fail because the machine is busy: the
      // timeout is a hang guard, not a speed target (those live in bench/).
      testTimeout: 60_000,
    },
  },
});

// unrs-resolver (jest 30, eslint-import-resolver-typescript 4) lists one optional native binding per platform. The
// registry this project installs from has every binding of 1.12.2 but not of 1.13.x, and a lock file without them
// fails `npm ci`; pin the version whose bindings all resolve.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// The example app and (later) the provider handlers are type-checked and linted with the tests.
project.tsconfigDev.addInclude('../bin/**/*.ts');
project.tsconfigDev.addInclude('../lambda/**/*.ts');
project.tsconfigDev.addInclude('../cli/**/*.ts');
// internal/: code shared by the provider Lambda and the CLI (SSE parsing, the answer decoder, …), bundled into both by
// esbuild; never part of the library's API or its npm tarball.
project.tsconfigDev.addInclude('../internal/**/*.ts');
for (const dir of ['bin', 'lambda', 'cli', 'internal']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    include: ['**/*.ts'],
    compilerOptions: { noEmit: true, rootDir: '..' },
  }).addExtends(project.tsconfig!);
  project.eslint?.addLintPattern(dir);
}
project.eslint?.allowDevDeps('bin/**');
project.eslint?.allowDevDeps('lambda/**');
project.eslint?.allowDevDeps('cli/**');
project.eslint?.allowDevDeps('internal/**');

// The provider Lambda: one esbuild bundle (SDK included, so consumers need no bundler) with two
// handlers, `index.onEvent` and `index.isComplete`. It ships in the npm tarball under assets/.
// Trimmed of SDK code Lambda never runs, without patching the SDK (bench/bundle.bench.ts measures what is left):
// - `module` before `main`: the SDK's ES modules, so esbuild drops the unused protocols (XML, query, CBOR) and the
//   browser user-agent parser that the CommonJS builds pull in whole;
// - the default credential chain is replaced by the environment's credentials (lambda/sdk-stubs/), which is where
//   Lambda puts the role's; the other sources and the STS/SSO clients they need stay out;
// - the ES modules load `node:http` with `import()`, which jest's module sandbox (the provider tests drive this
//   bundle) cannot run: esbuild turns those into `require()`.
project.bundler.addBundle('./lambda/agent-runtime/index.ts', {
  platform: 'node',
  target: 'node20',
  externals: [],
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  esbuildArgs: {
    '--alias:@aws-sdk/credential-provider-node': './lambda/sdk-stubs/credential-provider-node.ts',
    '--supported:dynamic-import': 'false',
  },
});
project.addPackageIgnore('!/assets/');

// The invoke CLI (`npx cdk-agentcore invoke ...`): one self-contained executable bundle, SDK clients included.
project.bundler.addBundle('./cli/index.ts', {
  platform: 'node',
  target: 'node20',
  externals: [],
  minify: true,
  sourcemap: false,
  executable: true,
});
project.addBins({ 'cdk-agentcore': 'assets/cli/index/index.js' });

// The example app (bin/app.ts) synthesizes offline; the provider bundle is built first.
new JsonFile(project, 'cdk.json', {
  obj: {
    app: 'npx projen bundle && npx ts-node --prefer-ts-exts -P bin/tsconfig.json bin/app.ts',
    output: 'cdk.out',
  },
});

// Deleted sources must not leave compiled files behind that would ship (style.md A6, pitfall 2).
project.preCompileTask.exec("find lib -type f \\( -name '*.js' -o -name '*.d.ts' \\) -delete");

project.npmignore?.addPatterns('*.ts', '!*.d.ts', '/lambda/', '/bin/', '/cli/*', '/internal/', '/cdk.out/', '/.ci/', '/bench/');
// The CLI's manual ships (the README links to it); its sources are bundled into assets/cli.
project.npmignore?.addPatterns('!/cli/README.md');
// The example app's and the contributors' files (test/packaging/package-contents.test.ts checks the packed list).
project.addPackageIgnore('/cdk.json');
project.addPackageIgnore('/CONTRIBUTING.md');
project.gitignore.exclude('/cdk.out/', '*.tsbuildinfo');

// `npm test` is the whole check the README and CI run: bundle the provider, compile with jsii (which also
// type-checks lib/ for every target language), regenerate API.md, type-check the tests, bin/, lambda/, cli/,
// internal/ and bench/ (jest transpiles each file alone and would run a test that no longer compiles), then jest and
// eslint.
const typecheckTask = project.addTask('typecheck', {
  description: 'Type-check the tests, the benchmarks and everything outside lib/ (jsii checks lib/)',
  steps: [{ exec: 'tsc -p test/tsconfig.json --noEmit' }, { exec: 'tsc -p bench/tsconfig.json --noEmit' }],
});
project.testTask.prependSpawn(typecheckTask);
project.testTask.prependSpawn(project.postCompileTask);
project.testTask.prependSpawn(project.compileTask);
project.testTask.prependSpawn(project.preCompileTask);

// Integration tests (test/integ.*.ts, see CONTRIBUTING.md, 'Integration tests'). CI verifies the committed snapshots: integ-runner synthesizes
// each test offline and compares its stack templates with test/integ.<name>.ts.snapshot/ (asset hashes are
// normalized), without credentials and without deploying. ts-node must load lib/*.ts, never stale compiled lib/*.js.
const integEnv = { TS_NODE_PREFER_TS_EXTS: 'true' };
const integRunner = 'integ-runner --language typescript --directory test';
// Task arguments (test names such as integ.agent-runtime.ts, or options) go first: array options like
// --parallel-regions would swallow a test name that follows them.
const integRunnerWithArgs = 'integ-runner "$@" --language typescript --directory test';
// No test uses the update workflow, so no snapshot needs its assets (the 2 MB assertion handler bundle).
const stripSnapshotAssets = "find test -type d -path 'test/integ.*.ts.snapshot/asset.*' -prune -exec rm -rf {} +";
project.gitignore.exclude('/test/integ.*.ts.snapshot/asset.*', '/test/cdk-integ.out.*');
const integTask = project.addTask('integ', {
  description: 'Verify the integ test snapshots (synth and compare only: no AWS account, no deploy)',
  env: integEnv,
  steps: [
    { spawn: 'bundle:lambda/agent-runtime/index' },
    {
      exec: `${integRunner} || (echo; echo 'integ: the integ snapshot check failed (see above). CHANGED means the stacks no longer match test/integ.<name>.ts.snapshot/: if the change is intended, run "npx projen integ:update" (no deploy) or "npx projen integ:deploy" (AWS credentials) and commit the snapshot.'; exit 1)`,
    },
  ],
});
project.addTask('integ:update', {
  description: 'Re-record the integ snapshots of changed tests without deploying (integ-runner --dry-run)',
  env: integEnv,
  steps: [
    { spawn: 'bundle:lambda/agent-runtime/index' },
    { exec: `${integRunnerWithArgs} --update-on-failed --dry-run`, receiveArgs: true },
    { exec: stripSnapshotAssets },
  ],
});
project.addTask('integ:deploy', {
  description: 'Deploy every integ test to AWS, run its assertions, destroy it and re-record its snapshot (needs credentials and Docker)',
  env: integEnv,
  steps: [
    { spawn: 'bundle:lambda/agent-runtime/index' },
    { exec: `${integRunnerWithArgs} --update-on-failed --force --parallel-regions us-east-1 --parallel-regions us-west-2`, receiveArgs: true },
    { exec: stripSnapshotAssets },
  ],
});
project.testTask.spawn(integTask);

// The provider's randomized lifecycles (test/provider/random-lifecycles.test.ts) as a soak: many more lifecycles than
// `npm test` runs, from a random seed (printed; PROVIDER_FUZZ_SEED pins one, PROVIDER_FUZZ_RUNS sets the count).
project.addTask('test:soak', {
  description: 'Randomized provider lifecycles with faults: PROVIDER_FUZZ_RUNS (default 1000) from a random seed; a failure prints the shrunk case and how to replay it',
  steps: [
    { spawn: 'bundle:lambda/agent-runtime/index' },
    { exec: 'PROVIDER_FUZZ_RUNS="${PROVIDER_FUZZ_RUNS:-1000}" jest --coverage=false --ci test/provider/random-lifecycles.test.ts' },
  ],
});

// Speed and size targets live in benchmarks, not in timed tests.
project.addTask('bench', {
  description: 'Provider bundle size, cold import time and READY-to-complete latency against the local emulator; what the provider bundle is made of; CLI time and memory for large streamed answers; resources, template bytes, policy sizes, limits and synth time at 1-200 runtimes next to aws-cdk-lib\'s Runtime; the Cedar check with and without a policy',
  steps: [
    { spawn: 'bundle' },
    { exec: 'ts-node --prefer-ts-exts -P test/tsconfig.json bench/provider.bench.ts' },
    { exec: 'ts-node --prefer-ts-exts -P test/tsconfig.json bench/bundle.bench.ts' },
    { exec: 'ts-node --prefer-ts-exts -P test/tsconfig.json bench/sse.bench.ts' },
    { exec: 'ts-node --prefer-ts-exts -P test/tsconfig.json bench/scale.bench.ts' },
    // The Cedar check's cost, with and without a policy (loads the compiled lib/index.js: run after compile).
    { spawn: 'compile' },
    { exec: 'ts-node --prefer-ts-exts -P test/tsconfig.json bench/cedar.bench.ts' },
  ],
});

project.synth();
