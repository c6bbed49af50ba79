#!/usr/bin/env node
/**
 * `cdk-agentcore`: the invoke CLI of cdk-agentcore. Wires the command line, runtime resolution, the session store, the
 * data-plane call and the renderers together, and turns failures into the documented exit codes (see `errors.ts`).
 * Only the answer goes to stdout; diagnostics go to stderr.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { version as packageVersion } from '../package.json';
import { InvokeOptions, INVOKE_HELP, MAIN_HELP, parseCommandLine } from './args';
import { CliError, ExitCode, toCliError, usageError } from './errors';
import { AttemptsError, invokeWithRetry, readAnswer } from './invoke';
import { JsonRenderer, Renderer, Summary, TextRenderer, Write } from './output';
import { checkJsonPayload, PayloadSource, promptPayload } from './payload';
import { awsLookups, Lookups, ResolvedRuntime, resolveRuntime } from './resolve-runtime';
import { chooseSession, loadStore, newSessionId, recordSession, sessionKey, SessionChoice, updateStore } from './sessions';
import type { InvokeClient } from '../internal/data-plane';
import { keepErrorBodies } from '../internal/errors';

/** The version printed by `--version`. */
export const VERSION: string = packageVersion;

/** What the CLI needs from the process (injected by tests). */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdinIsTty: boolean;
  /** stdout is a terminal. @default false */
  readonly stdoutIsTty?: boolean;
  /** Aborted on Ctrl-C (SIGINT): the invocation stops, the summary is printed, the exit code is 130. */
  readonly interrupt?: AbortSignal;
  readonly userName: string;
  readonly homeDir: string;
  readonly stdout: Write;
  readonly stderr: Write;
  /** Resolves when stdout can take more (its buffer has drained). @default resolved at once */
  stdoutDrained?(): Promise<void>;
  /** Reads all of stdin. */
  readStdin(): Promise<string>;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** The SSM/CloudFormation lookups. @default awsLookups */
  lookups?(config: { region?: string; profile?: string }): Lookups;
  /** The data-plane client. @default BedrockAgentCoreClient with maxAttempts 1 (retries are ours) */
  dataPlane?(config: { region: string; profile?: string }): InvokeClient & { destroy?(): void };
}

async function readPayload(source: PayloadSource, io: CliIo, quiet: boolean): Promise<string> {
  switch (source.kind) {
    case 'prompt':
      return promptPayload(source.prompt);
    case 'inline':
      return source.text;
    case 'file': {
      let text: string;
      try {
        text = await fs.readFile(source.path, 'utf8');
      } catch (err) {
        throw usageError(`Cannot read --payload-file ${source.path}: ${(err as Error).message}`);
      }
      return checkJsonPayload(text, `--payload-file ${source.path}`);
    }
    case 'stdin':
      if (io.stdinIsTty && !quiet) io.stderr('cdk-agentcore: reading the JSON payload from stdin (end with Ctrl-D)\n');
      return checkJsonPayload(await io.readStdin(), 'the payload on stdin');
  }
}

/** Runs `invoke`; returns the exit code. */
async function invoke(options: InvokeOptions, io: CliIo): Promise<number> {
  const note = (message: string) => {
    if (!options.quiet) io.stderr(`cdk-agentcore: ${message}\n`);
  };
  const warn = (message: string) => io.stderr(`cdk-agentcore: warning: ${message}\n`);
  const renderer: Renderer = options.json ? new JsonRenderer(io.stdout) : new TextRenderer(io.stdout, io.stderr, io.stdoutIsTty);
  let runtime: ResolvedRuntime | undefined;
  let choice: SessionChoice | undefined;
  let attempts: number | undefined;
  /** The service answered, so the session exists and is remembered. */
  let sessionKept = false;
  const summaryBase = (): Omit<Summary, 'status' | 'exitCode'> => ({
    type: 'summary',
    ...(runtime ? { runtimeArn: runtime.arn, source: runtime.source } : {}),
    qualifier: options.qualifier,
    ...(choice ? { sessionId: choice.sessionId, session: choice.reason } : {}),
    actor: options.actor,
    ...(attempts !== undefined ? { attempts } : {}),
  });
  let client: (InvokeClient & { destroy?(): void }) | undefined;
  try {
    // reading stdin and the SSM/CloudFormation lookups end at the first Ctrl-C too
    const payload = await untilInterrupted(readPayload(options.payload, io, options.quiet), io.interrupt);
    const aws = { ...(options.region ? { region: options.region } : {}), ...(options.profile ? { profile: options.profile } : {}) };
    runtime = await untilInterrupted(resolveRuntime(options.target, (io.lookups ?? awsLookups)(aws)), io.interrupt);
    if (runtime.source !== '--runtime-arn') note(`runtime ${runtime.arn} (from ${runtime.source})`);

    const key = sessionKey(runtime.arn, options.qualifier, options.actor);
    const store = await loadStore(options.sessionsFile, warn);
    choice = chooseSession(store, key, io.now(), options.idleMinutes * 60_000, {
      freshId: newSessionId(),
      session: options.session,
      newSession: options.newSession,
      maxLifetimeMs: options.maxLifetimeHours * 3_600_000,
    });
    note(`session ${choice.sessionId} (${choice.reason}, actor ${options.actor}, endpoint ${options.qualifier})`);

    client = (io.dataPlane ?? defaultDataPlane)({ region: runtime.region, ...(options.profile ? { profile: options.profile } : {}) });
    const invoked = await invokeWithRetry(client, {
      runtimeArn: runtime.arn, qualifier: options.qualifier, sessionId: choice.sessionId, payload,
    }, {
      maxRetries: options.maxRetries,
      sleep: io.sleep,
      ...(io.interrupt ? { signal: io.interrupt } : {}),
      random: io.random,
      onRetry: (retry, delay, err) => note(`throttled (${(err as Error).name}); retry ${retry} of ${options.maxRetries} in ${delay} ms`),
    });
    attempts = invoked.attempts;
    const sessionId = invoked.output.runtimeSessionId || choice.sessionId;
    if (sessionId !== choice.sessionId) choice = { sessionId, reason: choice.reason };
    const remember = () => updateStore(options.sessionsFile, (s) => recordSession(s, key, sessionId, io.now()), warn)
      .catch((err) => warn(`could not save the session to ${options.sessionsFile}: ${(err as Error).message}`));
    // The session exists on the service as soon as it answered: remember it now (an interrupted stream keeps it) and
    // again at the end, since the idle window starts when the answer ends.
    await remember();
    sessionKept = true;
    let answer;
    try {
      answer = await readAnswer(invoked.output, renderer, {
        ...(io.interrupt ? { signal: io.interrupt } : {}),
        ...(io.stdoutDrained ? { drained: () => io.stdoutDrained!() } : {}),
      });
    } catch (err) {
      if (io.interrupt?.aborted) throw err;
      throw new CliError(`The answer stream was interrupted: ${(err as Error).message}`, ExitCode.FAILURE);
    } finally {
      await remember();
    }
    const exitCode = answer.error !== undefined ? ExitCode.FAILURE : ExitCode.OK;
    renderer.end({
      ...summaryBase(),
      status: exitCode === ExitCode.OK ? 'ok' : 'error',
      exitCode,
      ...(invoked.output.statusCode !== undefined ? { httpStatus: invoked.output.statusCode } : {}),
      contentType: answer.contentType,
      events: answer.events,
      ...(answer.error !== undefined ? { error: answer.error } : {}),
    });
    return exitCode;
  } catch (caught) {
    let err = caught;
    if (caught instanceof AttemptsError) {
      attempts = caught.attempts;
      err = caught.lastError;
    }
    const cliError = io.interrupt?.aborted ? interrupted(sessionKept ? choice : undefined) : toCliError(err, {
      ...(runtime ? { runtimeArn: runtime.arn, source: runtime.source } : {}),
      qualifier: options.qualifier,
      ...(attempts !== undefined ? { attempts } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    });
    // --json: the summary line; text: ends a partial answer with a newline before the message
    renderer.end({ ...summaryBase(), status: 'error', exitCode: cliError.exitCode, error: cliError.message });
    io.stderr(`cdk-agentcore: ${cliError.message}\n`);
    return cliError.exitCode;
  } finally {
    client?.destroy?.();
  }
}

/** `work`, or a rejection as soon as `interrupt` aborts (what `work` does then is ignored). */
function untilInterrupted<T>(work: Promise<T>, interrupt: AbortSignal | undefined): Promise<T> {
  if (!interrupt) return work;
  let onAbort = () => undefined as void;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('interrupted'));
    if (interrupt.aborted) onAbort();
    else interrupt.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, stopped]).finally(() => interrupt.removeEventListener('abort', onAbort));
}

/** The error of an invocation stopped by Ctrl-C. */
function interrupted(choice: SessionChoice | undefined): CliError {
  const resume = choice ? ` The session is kept: run the command again to continue it (--session ${choice.sessionId}).` : '';
  return new CliError(`Interrupted (Ctrl-C).${resume}`, ExitCode.INTERRUPTED);
}

function defaultDataPlane(config: { region: string; profile?: string }): InvokeClient & { destroy(): void } {
  const client = new BedrockAgentCoreClient({ ...config, maxAttempts: 1 });
  keepErrorBodies(client);
  return client;
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommandLine(argv, io);
    switch (command.kind) {
      case 'version':
        io.stdout(`${VERSION}\n`);
        return ExitCode.OK;
      case 'help':
        (command.toStderr ? io.stderr : io.stdout)(command.topic === 'invoke' ? INVOKE_HELP : MAIN_HELP);
        return command.exitCode;
      case 'invoke':
        return await invoke(command.options, io);
    }
  } catch (err) {
    const cliError = toCliError(err);
    const hint = cliError.exitCode === ExitCode.USAGE ? `\nRun 'cdk-agentcore ${argv[0] === 'invoke' ? 'invoke ' : ''}--help' for usage.` : '';
    io.stderr(`cdk-agentcore: ${cliError.message}${hint}\n`);
    return cliError.exitCode;
  }
}

function userName(env: Readonly<Record<string, string | undefined>>): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry (e.g. a container running as an arbitrary uid)
  }
  return env.USER || env.USERNAME || env.LOGNAME || 'default';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * The process's {@link CliIo}. The first Ctrl-C aborts `interrupt` (the invocation stops and reports); a second one
 * ends the process at once (the handler is gone by then).
 */
export function processIo(): CliIo {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  return {
    env: process.env,
    stdout: (chunk) => {
      process.stdout.write(chunk);
    },
    stderr: (chunk) => {
      process.stderr.write(chunk);
    },
    readStdin: () => readAll(process.stdin),
    stdinIsTty: process.stdin.isTTY === true,
    stdoutIsTty: process.stdout.isTTY === true,
    interrupt: interrupt.signal,
    // stdout to a pipe buffers what its reader has not taken yet: wait for it (or for Ctrl-C) before reading more
    stdoutDrained: () => (process.stdout.writableNeedDrain && !interrupt.signal.aborted
      ? new Promise<void>((resolve) => {
        const done = () => {
          process.stdout.off('drain', done);
          interrupt.signal.removeEventListener('abort', done);
          resolve();
        };
        process.stdout.on('drain', done);
        interrupt.signal.addEventListener('abort', done);
      })
      : Promise.resolve()),
    userName: userName(process.env),
    homeDir: os.homedir(),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  };
}

if (require.main === module) {
  // The bundle pins its SDK version, so the SDK's notice about its own future Node.js support is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // `cdk-agentcore invoke … | head` closes stdout early: stop quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.OK);
    throw err;
  });
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
    // after Ctrl-C, what was interrupted (stdin being read, a lookup) may still hold the event loop: exit once stdout is out
    if (code === ExitCode.INTERRUPTED) process.stdout.write('', () => process.exit(code));
  }, (err) => {
    process.stderr.write(`cdk-agentcore: unexpected error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = ExitCode.FAILURE;
  });
}
