/**
 * Runs the bundled CLI (`assets/cli/index/index.js`, built by `npx projen bundle`) as a child process with a clean AWS
 * environment, recording when each piece of stdout arrived.
 */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/** The bundle under test. */
export const BUNDLE = path.join(__dirname, '..', '..', 'assets', 'cli', 'index', 'index.js');

/**
 * Throws unless the bundle exists and is newer than every `cli/*.ts` and `internal/*.ts`, so that the end-to-end tests
 * never pass (or fail) against a stale build.
 */
export function assertBundleFresh(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run 'npx projen bundle' first`);
  const built = statSync(BUNDLE).mtimeMs;
  const root = path.join(__dirname, '..', '..');
  const newer = ['cli', 'internal'].flatMap((dir) => readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.ts') && statSync(path.join(root, dir, f)).mtimeMs > built)
    .map((f) => `${dir}/${f}`));
  if (newer.length > 0) throw new Error(`${BUNDLE} is older than ${newer.join(', ')}: run 'npx projen bundle' first`);
}

/** What a run produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout pieces with Date.now() at arrival. */
  readonly chunks: { readonly text: string; readonly at: number }[];
  /** stdout as bytes, exactly as written. */
  readonly stdoutBytes: Buffer;
  /** The signal that ended the child, if one did. */
  readonly signal: NodeJS.Signals | null;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** Extra (or overriding) environment; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  /** Called on each stdout piece while the child runs. */
  readonly onStdout?: (text: string, at: number) => void;
  /** Sends the child SIGINT (Ctrl-C) once its stdout so far satisfies this. */
  readonly interruptWhen?: (stdout: string) => boolean;
  /** Sends the child SIGINT (Ctrl-C) this long after it started. */
  readonly interruptAfterMs?: number;
  /** Leave stdin open (a payload that never ends) instead of writing `stdin` and closing it. */
  readonly keepStdinOpen?: boolean;
  readonly timeoutMs?: number;
}

/** A scratch directory: HOME of the child (no ~/.aws), the sessions file, payload files. */
export class Scratch {
  public readonly dir = mkdtempSync(path.join(tmpdir(), 'cdk-agentcore-cli-'));
  public readonly sessionsFile = path.join(this.dir, 'state', 'sessions.json');

  /** Removes the directory. */
  public dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Environment of a child: credentials, region, no IMDS, nothing from the developer's own AWS setup. */
export function cliEnv(scratch: Scratch, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: scratch.dir,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(scratch.dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(scratch.dir, 'no-aws-credentials'),
    CDK_AGENTCORE_SESSIONS_FILE: scratch.sessionsFile,
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs `node <bundle> ...args` with exactly `env`. */
export function runCli(args: string[], env: Record<string, string>, options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [BUNDLE, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: { text: string; at: number }[] = [];
    const bytes: Buffer[] = [];
    const decoder = new TextDecoder('utf-8');
    let stdout = '';
    let interrupted = false;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (data: Buffer) => {
      const at = Date.now();
      bytes.push(data);
      const text = decoder.decode(data, { stream: true });
      stdout += text;
      chunks.push({ text, at });
      options.onStdout?.(text, at);
      if (!interrupted && options.interruptWhen?.(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cdk-agentcore ${args.join(' ')} did not finish in ${options.timeoutMs ?? 15000} ms; stderr: ${stderr}`));
    }, options.timeoutMs ?? 15000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, signal, stdout: stdout + decoder.decode(), stdoutBytes: Buffer.concat(bytes), stderr, chunks, startedAt, endedAt: Date.now() });
    });
    if (options.interruptAfterMs !== undefined) {
      setTimeout(() => {
        interrupted = true;
        child.kill('SIGINT');
      }, options.interruptAfterMs);
    }
    if (options.keepStdinOpen) child.stdin.write(options.stdin ?? '');
    else child.stdin.end(options.stdin ?? '');
  });
}

/** The JSON lines of a `--json` run. */
export function jsonLines(run: CliRun): any[] {
  return run.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}
