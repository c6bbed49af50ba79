/**
 * What the Cedar check costs. Run: `npx projen compile && npx ts-node bench/cedar.bench.ts` (it loads the compiled
 * lib/index.js in fresh `node` processes, as an app does). Prints JSON lines:
 *   {"metric":"require_lib_ms", ...}             median time to require lib/index.js, and whether it loaded cedar-wasm
 *   {"metric":"synth_without_policy_ms", ...}    median time to build and synthesize an app with a policy engine and a
 *                                                gateway but no Cedar policy, and whether cedar-wasm was loaded
 *   {"metric":"synth_with_policy_ms", ...}       the same app with one Cedar policy (checked against the gateway's tools)
 * The claim they support: an app without policies never loads the Cedar engine and pays nothing for it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib', 'index.js');
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs a script in a fresh node process; it prints `<ms> <cedar loaded>`. */
function measure(script: string): { ms: number[]; cedarLoaded: boolean[] } {
  const ms: number[] = [];
  const cedarLoaded: boolean[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' } }).toString().trim().split(' ');
    ms.push(Number(out[0]));
    cedarLoaded.push(out[1] === 'true');
  }
  return { ms, cedarLoaded };
}

const CEDAR_LOADED = "Object.keys(require.cache).some((k) => k.includes('cedar-wasm'))";

function appScript(withPolicy: boolean): string {
  return `
    const cdk = require('aws-cdk-lib');
    const agentcore = require('aws-cdk-lib/aws-bedrockagentcore');
    const lambda = require('aws-cdk-lib/aws-lambda');
    const lib = require(${JSON.stringify(LIB)});
    const t = process.hrtime.bigint();
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
    const engine = new lib.PolicyEngine(stack, 'Engine');
    const gateway = new lib.Gateway(stack, 'Tools', { policyEngine: engine });
    gateway.addLambdaTarget('Orders', {
      lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:orders'),
      toolSchema: agentcore.ToolSchema.fromInline([{ name: 'get_order', description: 'd', inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT } }]),
    });
    ${withPolicy ? "engine.addPolicy('Read', { statement: lib.CedarStatement.fromString('permit(principal, action == AgentCore::Action::\"Orders___get_order\", resource == AgentCore::Gateway::\"' + gateway.gatewayArn + '\");') });" : ''}
    app.synth();
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6) + ' ' + ${CEDAR_LOADED});`;
}

function emit(metric: string, r: { ms: number[]; cedarLoaded: boolean[] }): void {
  process.stdout.write(`${JSON.stringify({ metric, median: median(r.ms), runs: r.ms, cedar_loaded: r.cedarLoaded.every(Boolean) ? true : r.cedarLoaded.some(Boolean) ? 'sometimes' : false })}\n`);
}

if (!fs.existsSync(LIB)) {
  process.stderr.write(`bench/cedar.bench.ts: ${LIB} is missing; run 'npx projen compile' first.\n`);
  process.exit(1);
}
emit('require_lib_ms', measure(`const t = process.hrtime.bigint(); require(${JSON.stringify(LIB)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6) + ' ' + ${CEDAR_LOADED});`));
emit('synth_without_policy_ms', measure(appScript(false)));
emit('synth_with_policy_ms', measure(appScript(true)));
