/**
 * The example app's stack as the tests build it, its own agent (`bin/agent/server.js`) as a local process on
 * 127.0.0.1, and its own health check (the `HealthCheck` of its synthesized runtime), for the tests that judge one
 * with the other.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './stack';
import { ExampleAgentStack } from '../../bin/example-stack';

const SERVER = path.join(__dirname, '..', '..', 'bin', 'agent', 'server.js');

/** A running `bin/agent/server.js`. */
export interface ExampleAgent {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `bin/agent/server.js` on a free port of 127.0.0.1. */
export async function startExampleAgent(): Promise<ExampleAgent> {
  const agent: ChildProcess = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    agent.stdout!.setEncoding('utf8');
    agent.stdout!.on('data', (text: string) => {
      out += text;
      const m = /agent listening on (\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    agent.on('exit', (code) => reject(new Error(`bin/agent/server.js exited with ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (agent.exitCode !== null) return;
      await new Promise((resolve) => {
        agent.once('exit', resolve);
        agent.kill('SIGTERM');
      });
    },
  };
}

/** The example app's stack (`bin/example-stack.ts`) in its own app, with test image digests. */
export function exampleStack(): ExampleAgentStack {
  return new ExampleAgentStack(new App(), 'AgentCoreExample', {
    env: { account: ACCOUNT, region: REGION },
    environmentName: 'dev',
    supportAgentDigest: `sha256:${'b'.repeat(64)}`,
    researchAgentDigest: `sha256:${'c'.repeat(64)}`,
    productionVersion: '1',
  });
}

/** The `HealthCheck` property of the example app's runtime that has one, as synthesized. */
export function exampleHealthCheck(): Record<string, string> {
  const checks = Object.values(Template.fromStack(exampleStack()).findResources('Custom::BedrockAgentCoreRuntime'))
    .map((r: any) => r.Properties.CdkAgentCore?.HealthCheck)
    .filter((h) => h !== undefined);
  if (checks.length !== 1) throw new Error(`expected one runtime with a HealthCheck in the example app, found ${checks.length}`);
  return checks[0];
}
