/**
 * Scale benchmark: a stack of N runtimes built with cdk-agentcore (each runtime with its own ExecutionRole; all
 * runtimes sharing one) and with aws-cdk-lib's own `aws_bedrockagentcore.Runtime`, in the same run, with the same
 * aws-cdk-lib. Run: `npx ts-node --prefer-ts-exts -P test/tsconfig.json bench/scale.bench.ts` (part of `npm run bench`).
 *
 * Every runtime pulls a tagged image from one imported ECR repository. Prints JSON lines:
 *   {"metric":"scale", variant, n, resources, template_bytes, largest_role_policy_chars, largest_managed_policy_chars,
 *    construct_ms, synth_ms}                      one line per variant and N = 1, 10, 50, 200
 *   {"metric":"per_runtime", variant, resources, template_bytes, bytes_vs_builtin}
 *                                                 marginal cost of one more runtime (slope between N = 50 and 200)
 *   {"metric":"first_n_over_limit", variant, limit, n}
 *                                                 the first N at which each AWS limit breaks (extrapolated from the
 *                                                 slope; "never" when flat); for cdk-agentcore the bench then builds
 *                                                 N-1 (synth must pass) and N (synth must fail naming the limit)
 *   {"metric":"time_ratio_vs_builtin", variant, n: 50, value}
 *                                                 construct+synth time over the built-in's (median of 5 runs)
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentRuntime, AgentRuntimeArtifact, ExecutionRole } from '../lib';
import { AWS_LIMITS } from '../lib/private/contract';
import { policyUsage } from '../lib/private/aws-limits';

type Variant = 'own_role' | 'shared_role' | 'builtin';
const VARIANTS: Variant[] = ['own_role', 'shared_role', 'builtin'];
const SIZES = [1, 10, 50, 200];
const ENV = { account: '123456789012', region: 'us-east-1' };

interface Measure {
  readonly variant: Variant;
  readonly n: number;
  readonly resources: number;
  readonly templateBytes: number;
  readonly largestRolePolicy: number;
  readonly largestManagedPolicy: number;
  readonly constructMs: number;
  readonly synthMs: number;
}

function emit(o: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Defines N runtimes in a fresh app; returns the app and its stack. */
function define(variant: Variant, n: number): { app: App; stack: Stack } {
  // No version reporting on either side. aws-cdk-lib refuses stacks over 500 resources at synth (without saying what to
  // do); the built-in is measured past that, so its check is off for the built-in only.
  const app = new App({ analyticsReporting: false, context: variant === 'builtin' ? { '@aws-cdk/core:stackResourceLimit': 0 } : {} });
  const stack = new Stack(app, 'Scale', { env: ENV });
  const repository = ecr.Repository.fromRepositoryName(stack, 'Images', 'agents');
  const shared = variant === 'shared_role' ? new ExecutionRole(stack, 'SharedRole', { agentNamePrefix: 'agent_' }) : undefined;
  for (let i = 0; i < n; i++) {
    const runtimeName = `agent_${i}`;
    if (variant === 'builtin') {
      new agentcore.Runtime(stack, `Agent${i}`, { runtimeName, agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromEcrRepository(repository, 'v1') });
    } else {
      new AgentRuntime(stack, `Agent${i}`, { runtimeName, executionRole: shared, artifact: AgentRuntimeArtifact.fromEcrRepository(repository, { tag: 'v1' }) });
    }
  }
  return { app, stack };
}

function measure(variant: Variant, n: number): Measure {
  const t0 = process.hrtime.bigint();
  const { app, stack } = define(variant, n);
  const t1 = process.hrtime.bigint();
  const assembly = app.synth();
  const t2 = process.hrtime.bigint();
  const artifact = assembly.getStackByName(stack.stackName);
  const template = artifact.template;
  const usage = policyUsage(template.Resources);
  return {
    variant,
    n,
    resources: Object.keys(template.Resources).length,
    templateBytes: fs.statSync(path.join(assembly.directory, artifact.templateFile)).size,
    largestRolePolicy: Math.max(0, ...usage.inlineChars.values()),
    largestManagedPolicy: Math.max(0, ...usage.managedPolicyChars.values()),
    constructMs: Number(t1 - t0) / 1e6,
    synthMs: Number(t2 - t1) / 1e6,
  };
}

/** The first N at which `value(N) = a + b·N` exceeds `limit`, from two measurements; undefined when flat. */
function firstOver(low: Measure, high: Measure, value: (m: Measure) => number, limit: number): number | undefined {
  const slope = (value(high) - value(low)) / (high.n - low.n);
  if (slope <= 0) return value(high) > limit ? 1 : undefined;
  const intercept = value(high) - slope * high.n;
  return Math.floor((limit - intercept) / slope) + 1;
}

/** Whether synthesizing N runtimes fails, and with what message (first line of each problem). */
function synthError(variant: Variant, n: number): string | undefined {
  try {
    define(variant, n).app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n').filter((l) => l.includes('limit') || l.includes('allows')).join(' | ').slice(0, 400) || (e as Error).message.slice(0, 400);
  }
}

function main(): void {
  const byVariant = new Map<Variant, Measure[]>();
  for (const n of SIZES) {
    for (const variant of VARIANTS) {
      const m = measure(variant, n);
      (byVariant.get(variant) ?? byVariant.set(variant, []).get(variant)!).push(m);
      emit({
        metric: 'scale', variant, n, resources: m.resources, template_bytes: m.templateBytes,
        largest_role_policy_chars: m.largestRolePolicy, largest_managed_policy_chars: m.largestManagedPolicy,
        construct_ms: Math.round(m.constructMs), synth_ms: Math.round(m.synthMs),
      });
    }
  }

  const slopeOf = (variant: Variant, value: (m: Measure) => number) => {
    const ms = byVariant.get(variant)!;
    const [low, high] = [ms.find((m) => m.n === 50)!, ms.find((m) => m.n === 200)!];
    return (value(high) - value(low)) / (high.n - low.n);
  };
  const builtinBytes = slopeOf('builtin', (m) => m.templateBytes);
  for (const variant of VARIANTS) {
    const bytes = slopeOf(variant, (m) => m.templateBytes);
    emit({
      metric: 'per_runtime', variant,
      resources: Math.round(slopeOf(variant, (m) => m.resources) * 100) / 100,
      template_bytes: Math.round(bytes),
      bytes_vs_builtin: Math.round((bytes / builtinBytes) * 100) / 100,
    });
  }

  const limits: [string, (m: Measure) => number, number][] = [
    ['stack_resources', (m) => m.resources, AWS_LIMITS.stackResources],
    ['template_bytes', (m) => m.templateBytes, AWS_LIMITS.templateBytes],
    ['role_policy_chars', (m) => m.largestRolePolicy, AWS_LIMITS.rolePolicyChars],
    ['managed_policy_chars', (m) => m.largestManagedPolicy, AWS_LIMITS.managedPolicyChars],
  ];
  for (const variant of VARIANTS) {
    const ms = byVariant.get(variant)!;
    const [low, high] = [ms.find((m) => m.n === 50)!, ms.find((m) => m.n === 200)!];
    const breaks = limits.map(([limit, value, max]) => ({ limit, n: firstOver(low, high, value, max) }));
    for (const { limit, n } of breaks) emit({ metric: 'first_n_over_limit', variant, limit, n: n ?? 'never' });
    if (variant === 'builtin') continue;
    // The first limit to break must fail synth at that N with a message naming it, and N-1 must synthesize.
    const first = Math.min(...breaks.map((b) => b.n ?? Infinity));
    if (Number.isFinite(first)) {
      emit({ metric: 'synth_at_limit', variant, n: first - 1, error: synthError(variant, first - 1) ?? null });
      emit({ metric: 'synth_at_limit', variant, n: first, error: synthError(variant, first) ?? null });
    }
  }

  for (const variant of ['own_role', 'shared_role'] as Variant[]) {
    const ours: number[] = [];
    const builtin: number[] = [];
    for (let run = 0; run < 5; run++) {
      const a = measure(variant, 50);
      const b = measure('builtin', 50);
      ours.push(a.constructMs + a.synthMs);
      builtin.push(b.constructMs + b.synthMs);
    }
    emit({ metric: 'time_ratio_vs_builtin', variant, n: 50, value: Math.round((median(ours) / median(builtin)) * 100) / 100, ours_ms: Math.round(median(ours)), builtin_ms: Math.round(median(builtin)) });
  }
}

main();
