/**
 * The command line: parsing (`node:util` `parseArgs`) and validation into typed options, and the help texts. Pure: the
 * environment, user name and home directory are passed in.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, usageError } from './errors';
import { checkJsonPayload, PayloadSource } from './payload';
import type { RuntimeTarget } from './resolve-runtime';
import { validateSessionId } from './sessions';
import {
  DEFAULT_ENDPOINT, defaultSsmPrefix, ENDPOINT_NAME, ENVIRONMENT_NAME, fullMatch, parseRuntimeArn, RUNTIME_ARN_PARAMETER, RUNTIME_SSM_COMPONENT,
  SSM_PREFIX, SSM_PREFIX_RULE,
} from '../lib/private/contract';

/** Options of `cdk-agentcore invoke`. */
export interface InvokeOptions {
  /** How to find the runtime. */
  readonly target: RuntimeTarget;
  /** What to send. */
  readonly payload: PayloadSource;
  /** Endpoint name. @default 'DEFAULT' */
  readonly qualifier: string;
  /** Whose session. @default the OS user name */
  readonly actor: string;
  /** `--session`: the runtimeSessionId to use. */
  readonly session?: string;
  /** `--new-session`. */
  readonly newSession: boolean;
  /** Idle window in minutes. @default 15 */
  readonly idleMinutes: number;
  /** Maximum session lifetime in hours. @default 8 */
  readonly maxLifetimeHours: number;
  /** The sessions file. */
  readonly sessionsFile: string;
  /** `--json`: one JSON object per line. */
  readonly json: boolean;
  /** `--quiet`: no diagnostics on stderr (errors still are). */
  readonly quiet: boolean;
  /** `--region` for SSM/CloudFormation lookups (the data plane uses the ARN's region). */
  readonly region?: string;
  /** `--profile`. */
  readonly profile?: string;
  /** Retries after throttling. @default 3 */
  readonly maxRetries: number;
}

/** What to do. */
export type Command =
  | { readonly kind: 'help'; readonly topic: 'main' | 'invoke'; readonly exitCode: number; readonly toStderr: boolean }
  | { readonly kind: 'version' }
  | { readonly kind: 'invoke'; readonly options: InvokeOptions };

/** What the parser needs from the process. */
export interface ParseContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The OS user name (default actor). */
  readonly userName: string;
  /** The home directory (default sessions file). */
  readonly homeDir: string;
}

/** Environment variable that overrides the default sessions file. */
export const SESSIONS_FILE_ENV = 'CDK_AGENTCORE_SESSIONS_FILE';

/** Environment variable that overrides the default actor (the OS user name). */
export const ACTOR_ENV = 'CDK_AGENTCORE_ACTOR';

/** `cdk-agentcore --help`. */
export const MAIN_HELP = `Usage: cdk-agentcore <command> [options]

Commands:
  invoke [prompt]   Invoke a deployed Amazon Bedrock AgentCore runtime and stream its answer
  help [command]    Show help

Options:
  -h, --help        Show help
  -v, --version     Show the version

Run 'cdk-agentcore invoke --help' for the invoke options.
`;

/** `cdk-agentcore invoke --help`. */
export const INVOKE_HELP = `Usage: cdk-agentcore invoke [prompt] [options]

Invokes an AgentCore runtime and streams its answer to stdout; diagnostics go to stderr.

Runtime (exactly one):
  --runtime-arn <arn>          The runtime ARN (or an endpoint ARN: …/runtime-endpoint/<name> sets --qualifier)
  --ssm-parameter <name>       An SSM parameter holding the ARN, e.g. /agentcore/dev/runtime/agent_runtime_arn
  --environment <env>          The ARN addSsmOutputs() wrote in that environment: /agentcore/<env>/runtime/agent_runtime_arn
  --ssm-prefix <prefix>        The ARN addSsmOutputs({ prefix }) wrote: <prefix>agent_runtime_arn
  --stack <name>               A CloudFormation stack output holding the ARN
    --output-key <key>         The output (default: the one output whose value is a runtime ARN)

Payload (exactly one):
  [prompt], -p, --prompt <text>  Send {"prompt": "<text>"}
  --payload <json>             Send this JSON
  --payload-file <file>        Send the JSON in a file ('-' for stdin)

Invocation:
  --qualifier <endpoint>       Endpoint name (default DEFAULT)
  --region <region>            Region of the SSM/CloudFormation lookup (the ARN's region is invoked)
  --profile <profile>          AWS profile (default AWS_PROFILE or the default credential chain)
  --max-retries <n>            Retries when throttled, with jittered backoff (default 3)

Sessions (runtimeSessionId, per runtime ARN + qualifier + actor):
  --actor <name>               Whose session (default $${ACTOR_ENV} or the OS user name)
  --session <id>               Use this session id (33 to 256 characters)
  --new-session                Start a new session
  --idle-minutes <n>           Reuse a session idle for less than this (default 15, AgentCore's default)
  --max-lifetime-hours <n>     Rotate a session older than this (default 8, AgentCore's default)
  --sessions-file <file>       Where sessions are kept (default $${SESSIONS_FILE_ENV} or ~/.cdk-agentcore/sessions.json)

Output:
  --json                       One JSON object per line: {"type":"event",...} per event or {"type":"response",...},
                               then {"type":"summary",...} with sessionId, runtimeArn, qualifier and status
  -q, --quiet                  No diagnostics on stderr (errors are still printed)
  -h, --help                   Show this help

Exit codes:
  0 answered   1 failed (agent or service error)   2 usage error (options, JSON payload, session id)
  3 not found (runtime, endpoint, SSM parameter, stack or output)   4 throttled after retries   5 no credentials or access denied
  130 interrupted (Ctrl-C; with --json the summary line is still printed)

Examples:
  cdk-agentcore invoke "What is AgentCore?" --environment dev
  cdk-agentcore invoke --stack MyStack --output-key ConciergeArn --payload '{"prompt": "hi", "lang": "en"}'
  echo '{"prompt": "hi"}' | cdk-agentcore invoke --runtime-arn arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234 --payload-file - --json
`;

const INVOKE_OPTIONS = {
  'runtime-arn': { type: 'string' },
  'ssm-parameter': { type: 'string' },
  'environment': { type: 'string' },
  'ssm-prefix': { type: 'string' },
  'stack': { type: 'string' },
  'output-key': { type: 'string' },
  'prompt': { type: 'string', short: 'p' },
  'payload': { type: 'string' },
  'payload-file': { type: 'string' },
  'qualifier': { type: 'string' },
  'region': { type: 'string' },
  'profile': { type: 'string' },
  'max-retries': { type: 'string' },
  'actor': { type: 'string' },
  'session': { type: 'string' },
  'new-session': { type: 'boolean' },
  'idle-minutes': { type: 'string' },
  'max-lifetime-hours': { type: 'string' },
  'sessions-file': { type: 'string' },
  'json': { type: 'boolean' },
  'quiet': { type: 'boolean', short: 'q' },
  'help': { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw usageError((err as Error).message);
    throw err;
  }
}

function number(value: string | undefined, name: string, fallback: number, min: number, max: number, integer = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

function exactlyOne(values: Record<string, unknown>, names: string[], what: string): string {
  const shown = (n: string) => (n.startsWith('[') ? n : `--${n}`);
  const list = (ns: string[]) => `${ns.slice(0, -1).map(shown).join(', ')} or ${shown(ns[ns.length - 1])}`;
  const given = names.filter((n) => values[n] !== undefined);
  if (given.length === 1) return given[0];
  if (given.length === 0) throw usageError(`Missing ${what}: give ${list(names)}`);
  throw usageError(`Give only one ${what}, got ${given.map(shown).join(' and ')}`);
}

function nonEmpty(value: string, name: string): string {
  if (value.trim() === '') throw usageError(`${name} must not be empty`);
  return value;
}

function target(v: Record<string, string | boolean | undefined>): RuntimeTarget {
  const which = exactlyOne(v, ['runtime-arn', 'ssm-parameter', 'environment', 'ssm-prefix', 'stack'], 'runtime');
  if (v['output-key'] !== undefined && which !== 'stack') throw usageError('--output-key goes with --stack');
  switch (which) {
    case 'runtime-arn': {
      const arn = v['runtime-arn'] as string;
      if (!parseRuntimeArn(arn)) {
        throw usageError(`--runtime-arn '${arn}' is not an AgentCore runtime ARN (arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>, or an endpoint ARN: …/runtime-endpoint/<endpoint>)`);
      }
      return { kind: 'arn', arn };
    }
    case 'ssm-parameter':
      return { kind: 'ssm', parameter: nonEmpty(v['ssm-parameter'] as string, '--ssm-parameter') };
    case 'environment': {
      const environment = v.environment as string;
      if (!fullMatch(ENVIRONMENT_NAME, environment)) {
        throw usageError(`--environment '${environment}' must be a lowercase letter or digit, then up to 31 lowercase letters, digits or '-' (the names AgentCoreEnvironment accepts, e.g. dev, prod)`);
      }
      return { kind: 'ssm', parameter: `${defaultSsmPrefix(environment, RUNTIME_SSM_COMPONENT)}${RUNTIME_ARN_PARAMETER}` };
    }
    case 'ssm-prefix': {
      const prefix = v['ssm-prefix'] as string;
      if (!fullMatch(SSM_PREFIX, prefix)) {
        throw usageError(`--ssm-prefix '${prefix}' must be a path with ${SSM_PREFIX_RULE} (e.g. ${defaultSsmPrefix('dev', RUNTIME_SSM_COMPONENT)})`);
      }
      return { kind: 'ssm', parameter: `${prefix}${RUNTIME_ARN_PARAMETER}` };
    }
    default: {
      const outputKey = v['output-key'] as string | undefined;
      return {
        kind: 'stack',
        stack: nonEmpty(v.stack as string, '--stack'),
        ...(outputKey !== undefined ? { outputKey: nonEmpty(outputKey, '--output-key') } : {}),
      };
    }
  }
}

function payload(v: Record<string, string | boolean | undefined>, positionals: string[]): PayloadSource {
  if (positionals.length > 1) {
    throw usageError(`Expected one prompt argument, got ${positionals.length}: quote the prompt, e.g. cdk-agentcore invoke "${positionals.join(' ')}"`);
  }
  const values: Record<string, string | boolean | undefined> = { ...v, '[prompt]': positionals[0] };
  const which = exactlyOne(values, ['[prompt]', 'prompt', 'payload', 'payload-file'], 'payload');
  switch (which) {
    case '[prompt]':
    case 'prompt':
      return { kind: 'prompt', prompt: nonEmpty(values[which] as string, 'The prompt') };
    case 'payload':
      return { kind: 'inline', text: checkJsonPayload(v.payload as string, '--payload') };
    default: {
      const file = nonEmpty(v['payload-file'] as string, '--payload-file');
      return file === '-' ? { kind: 'stdin' } : { kind: 'file', path: file };
    }
  }
}

/** Parses `cdk-agentcore invoke` options (the arguments after `invoke`). */
export function parseInvoke(args: string[], ctx: ParseContext): Command {
  const { values: v, positionals } = parse(args, INVOKE_OPTIONS);
  const values = v as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help', topic: 'invoke', exitCode: ExitCode.OK, toStderr: false };
  // an endpoint ARN (…:runtime/<id>/runtime-endpoint/<name>) names the runtime and the qualifier
  const arn = typeof values['runtime-arn'] === 'string' ? values['runtime-arn'] : undefined;
  const endpointName = parseRuntimeArn(arn)?.endpointName;
  if (arn !== undefined && endpointName !== undefined) {
    if (values.qualifier !== undefined && values.qualifier !== endpointName) {
      throw usageError(`--runtime-arn names endpoint ${endpointName} but --qualifier says ${values.qualifier}`);
    }
    values['runtime-arn'] = arn.slice(0, arn.length - `/runtime-endpoint/${endpointName}`.length);
    values.qualifier = endpointName;
  }
  const qualifier = (values.qualifier as string | undefined) ?? DEFAULT_ENDPOINT;
  if (!fullMatch(ENDPOINT_NAME, qualifier)) {
    throw usageError(`--qualifier '${qualifier}' is not an endpoint name (a letter, then up to 47 letters, digits or '_')`);
  }
  if (values.session !== undefined && values['new-session']) throw usageError('Give --session or --new-session, not both');
  const session = values.session !== undefined ? validateSessionId(values.session as string) : undefined;
  const actor = nonEmpty((values.actor as string | undefined) ?? ctx.env[ACTOR_ENV] ?? ctx.userName, '--actor');
  const sessionsFile = (values['sessions-file'] as string | undefined) ?? ctx.env[SESSIONS_FILE_ENV] ?? path.join(ctx.homeDir, '.cdk-agentcore', 'sessions.json');
  const region = values.region as string | undefined;
  const profile = values.profile as string | undefined;
  return {
    kind: 'invoke',
    options: {
      target: target(values),
      payload: payload(values, positionals),
      qualifier,
      actor,
      ...(session !== undefined ? { session } : {}),
      newSession: values['new-session'] === true,
      idleMinutes: number(values['idle-minutes'] as string | undefined, '--idle-minutes', 15, 1 / 60, 480),
      maxLifetimeHours: number(values['max-lifetime-hours'] as string | undefined, '--max-lifetime-hours', 8, 1 / 60, 8),
      sessionsFile: nonEmpty(sessionsFile, '--sessions-file'),
      json: values.json === true,
      quiet: values.quiet === true,
      ...(region !== undefined ? { region: nonEmpty(region, '--region') } : {}),
      ...(profile !== undefined ? { profile: nonEmpty(profile, '--profile') } : {}),
      maxRetries: number(values['max-retries'] as string | undefined, '--max-retries', 3, 0, 10, true),
    },
  };
}

/** Parses the whole command line (the arguments after the program name). */
export function parseCommandLine(argv: string[], ctx: ParseContext): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help', topic: 'main', exitCode: ExitCode.USAGE, toStderr: true };
  if (first === 'invoke') return parseInvoke(rest, ctx);
  if (first === 'help') {
    if (rest.length === 0) return { kind: 'help', topic: 'main', exitCode: ExitCode.OK, toStderr: false };
    if (rest.length === 1 && rest[0] === 'invoke') return { kind: 'help', topic: 'invoke', exitCode: ExitCode.OK, toStderr: false };
    throw usageError(`No help for '${rest.join(' ')}'. Commands: invoke`);
  }
  if (first.startsWith('-')) {
    const { values, positionals } = parse(argv, { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } });
    if (positionals.length > 0) throw usageError(`Put options after the command, e.g. cdk-agentcore ${positionals[0]} ${first}`);
    if ((values as { version?: boolean }).version) return { kind: 'version' };
    return { kind: 'help', topic: 'main', exitCode: ExitCode.OK, toStderr: false };
  }
  throw usageError(`Unknown command '${first}'. Commands: invoke (run 'cdk-agentcore --help')`);
}
