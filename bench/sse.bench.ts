/**
 * Benchmark of reading large streamed answers: the bundled CLI (`assets/cli/index/index.js`) invokes the scripted data
 * plane of `test/cli/fake-aws.ts`, which streams one server-sent event of N MB (a JSON string, in 64 KiB chunks), or
 * the same bytes as 1 KiB events. Run: `npm run bench` (after `npx projen bundle`). Prints JSON lines:
 *   {"metric":"sse_answer","shape":"one event"|"1 KiB events","mb":N,"ms":…,"ms_per_mb":…,"peak_rss_mb":…}
 *   {"metric":"sse_bounded_heap","mb":40,"max_old_space_mb":32,"ok":true,"peak_rss_mb":…}
 * `ms` is the median wall time of the CLI process minus that of a tiny answer (start-up); `peak_rss_mb` its maximum
 * resident set, garbage not yet collected included. The bounded-heap run shows what is really kept: 40 MB of small
 * events read with a 32 MB heap (the CLI itself takes about 20), stdout read by a pipe. Reading must stay linear in the
 * answer size (ms_per_mb flat as mb grows), with memory a small multiple of the largest event, whatever the answer's
 * length (issue 13 measured the old parser at 1.5 s / 193 MB for one 10 MB event and 19.7 s / 485 MB for 40 MB).
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { startFakeAws } from '../test/cli/fake-aws';
import { BUNDLE, cliEnv, Scratch } from '../test/cli/run-cli';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/bench-AbCdEf1234';
const CHUNK = 64 * 1024;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The answer body: one event whose data is a JSON string of `mb` MB, or the same text as 1 KiB events. */
function body(mb: number, shape: 'one event' | '1 KiB events'): Buffer {
  const size = mb * 1024 * 1024;
  if (shape === 'one event') return Buffer.from(`data: "${'x'.repeat(size)}"\n\n`);
  const event = `data: "${'x'.repeat(1024 - 12)}"\n\n`;
  return Buffer.from(event.repeat(Math.ceil(size / event.length)));
}

function chunks(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += CHUNK) out.push(buf.subarray(i, i + CHUNK));
  return out;
}

/** Runs the CLI once; resolves with wall time and the child's own peak RSS (reported by a preloaded exit hook). */
function runOnce(env: Record<string, string>, preload: string, nodeArgs: string[] = []): Promise<{ ms: number; rssMb: number; stdoutBytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, '--require', preload, BUNDLE, 'invoke', '--runtime-arn', ARN, 'bench', '-q'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdoutBytes += d.length; });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) reject(new Error(`cdk-agentcore exited ${code}: ${stderr}`));
      else resolve({ ms, rssMb: Number(rss[1]) / 1024, stdoutBytes });
    });
  });
}

async function main(): Promise<void> {
  const fake = await startFakeAws();
  const scratch = new Scratch();
  const dir = mkdtempSync(path.join(tmpdir(), 'cdk-agentcore-bench-'));
  const preload = path.join(dir, 'max-rss.js');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write(`BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  const env = cliEnv(scratch, { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: fake.endpoint });
  const measure = async (answer: Buffer[]) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      fake.invokeAnswers.push({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: answer });
      runs.push(await runOnce(env, preload));
    }
    return { ms: median(runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)), stdoutBytes: runs[0].stdoutBytes };
  };
  try {
    const startup = await measure(chunks(Buffer.from('data: "ok"\n\n')));
    for (const shape of ['one event', '1 KiB events'] as const) {
      for (const mb of [1, 10, 40]) {
        const r = await measure(chunks(body(mb, shape)));
        const ms = Math.max(0, r.ms - startup.ms);
        process.stdout.write(`${JSON.stringify({
          metric: 'sse_answer',
          shape,
          mb,
          ms: Math.round(ms),
          ms_per_mb: Math.round((ms / mb) * 10) / 10,
          peak_rss_mb: Math.round(r.rssMb),
          stdout_mb: Math.round((r.stdoutBytes / 1024 / 1024) * 10) / 10,
        })}\n`);
      }
    }
    fake.invokeAnswers.push({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: chunks(body(40, '1 KiB events')) });
    const bounded = await runOnce(env, preload, ['--max-old-space-size=32']).then((r) => ({ ok: true, rssMb: r.rssMb }), () => ({ ok: false, rssMb: 0 }));
    process.stdout.write(`${JSON.stringify({ metric: 'sse_bounded_heap', mb: 40, max_old_space_mb: 32, ok: bounded.ok, peak_rss_mb: Math.round(bounded.rssMb) })}\n`);
    process.stdout.write(`${JSON.stringify({ metric: 'sse_startup', ms: Math.round(startup.ms), peak_rss_mb: Math.round(startup.rssMb) })}\n`);
  } finally {
    await fake.close();
    scratch.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
