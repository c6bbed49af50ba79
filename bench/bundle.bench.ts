/**
 * What the provider Lambda bundle is made of. Run: `npx ts-node bench/bundle.bench.ts` (or `npm run bench`).
 * Rebuilds the bundle with the shipped settings (the `bundle:lambda/agent-runtime/index` task that `.projenrc.ts`
 * defines) into a temporary directory, with an esbuild metafile, and prints JSON lines:
 *   {"metric":"provider_bundle_bytes", ...}         the bundle's size, and its bytes per package (largest first)
 *   {"metric":"provider_bundle_unused_bytes", ...}  bytes of code a Lambda never runs: credential sources other than
 *                                                   the environment, the STS/SSO clients they use, browser user-agent
 *                                                   parsing, the XML, query and CBOR protocols (target: 0)
 *   {"metric":"cold_require_cpu_ms", ...}          median CPU time (user + system) of requiring the bundle in a fresh
 *                                                   process (target: at most 100 ms). Unlike the wall-clock
 *                                                   `cold_import_ms` of bench/provider.bench.ts it hardly moves when
 *                                                   other processes share the cores.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const TASK = 'bundle:lambda/agent-runtime/index';

/** Code that a Lambda with its role's credentials in the environment never runs, by what it is. */
const NEVER_RUN: Record<string, RegExp> = {
  'credential sources other than the environment': /@aws-sdk\/credential-provider-(?!env\/)|@smithy\/credential-provider-imds|@aws-sdk\/token-providers/,
  'STS, SSO and sign-in clients': /@aws-sdk\/nested-clients/,
  'browser user-agent parsing': /bowser|util-user-agent-browser/,
  'XML and query protocols': /xml-builder|protocols\/(xml|query)\//,
  'CBOR protocol': /\/cbor\//,
};

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** The esbuild command line of the shipped bundle, writing to `outfile` with a metafile. */
function shippedEsbuildArgs(outfile: string, metafile: string): string[] {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const args: string[] = tasks[TASK].steps.find((s: { execArgs?: string[] }) => s.execArgs?.[0] === 'esbuild').execArgs;
  return [...args.slice(1).map((a) => (a.startsWith('--outfile=') ? `--outfile=${outfile}` : a)), `--metafile=${metafile}`, '--log-level=warning'];
}

/** CPU milliseconds (user + system) that requiring `file` takes in a fresh Node.js process, `runs` times. */
function coldRequireCpuMs(file: string, runs: number): number[] {
  const script = `const c=process.cpuUsage();require(${JSON.stringify(file)});const d=process.cpuUsage(c);process.stdout.write(String((d.user+d.system)/1000))`;
  return Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' },
  }).toString()));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1] : path.dirname(input);
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-bench-'));
  const outfile = path.join(dir, 'index.js');
  const metafile = path.join(dir, 'meta.json');
  execFileSync('npx', ['esbuild', ...shippedEsbuildArgs(outfile, metafile)], { cwd: ROOT, stdio: 'inherit' });
  const meta = JSON.parse(fs.readFileSync(metafile, 'utf8')) as Metafile;
  const output = Object.values(meta.outputs)[0];
  const inputs = Object.entries(output.inputs);

  const byPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of inputs) byPackage[packageOf(input)] = (byPackage[packageOf(input)] ?? 0) + bytesInOutput;
  const packages = Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1]));
  process.stdout.write(`${JSON.stringify({ metric: 'provider_bundle_bytes', value: output.bytes, packages })}\n`);

  const parts = Object.fromEntries(Object.entries(NEVER_RUN).map(([what, re]) => [
    what, inputs.filter(([input]) => re.test(input)).reduce((sum, [, i]) => sum + i.bytesInOutput, 0),
  ]));
  const unused = Object.values(parts).reduce((a, b) => a + b, 0);
  process.stdout.write(`${JSON.stringify({ metric: 'provider_bundle_unused_bytes', value: unused, parts })}\n`);
  const cpu = coldRequireCpuMs(outfile, 7);
  process.stdout.write(`${JSON.stringify({ metric: 'cold_require_cpu_ms', value: Math.round(median(cpu) * 10) / 10, target: 100, samples: cpu.map(Math.round) })}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
