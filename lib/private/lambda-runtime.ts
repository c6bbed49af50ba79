import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The newest Node.js Lambda runtime the installed aws-cdk-lib knows, so the provider never lags behind and cdk-nag's
 * AwsSolutions-L1 (which compares with the same list) stays quiet. The bundled handler targets Node.js 20 syntax, so it
 * runs on any newer runtime.
 */
export function newestNodeRuntime(): lambda.Runtime {
  const candidates = lambda.Runtime.ALL
    .filter((r) => r.family === lambda.RuntimeFamily.NODEJS && !r.isVariable && /^nodejs\d+\.x$/.test(r.name))
    .sort((a, b) => majorVersion(b) - majorVersion(a));
  if (candidates.length === 0) {
    throw new Error('cdk-agentcore: the installed aws-cdk-lib lists no Node.js Lambda runtime; upgrade aws-cdk-lib.');
  }
  return candidates[0];
}

function majorVersion(runtime: lambda.Runtime): number {
  return Number(/^nodejs(\d+)\.x$/.exec(runtime.name)![1]);
}
