/**
 * Finds the runtime ARN to invoke: given directly, read from an SSM parameter (as written by `addSsmOutputs()`), or read
 * from a CloudFormation stack output. The decisions are pure over a {@link Lookups} interface; {@link awsLookups}
 * implements it with the SSM and CloudFormation SDK clients.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CliError, ExitCode } from './errors';
import { keepErrorBodies } from '../internal/errors';
import { parseRuntimeArn } from '../lib/private/contract';

/** How the command line names the runtime. */
export type RuntimeTarget =
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'ssm'; readonly parameter: string }
  | { readonly kind: 'stack'; readonly stack: string; readonly outputKey?: string };

/** The runtime to invoke. */
export interface ResolvedRuntime {
  readonly arn: string;
  /** The region in the ARN: the data plane is called there. */
  readonly region: string;
  /** How it was found, for messages: `--runtime-arn`, `SSM parameter /x`, `output K of stack S`. */
  readonly source: string;
}

/** A stack output. */
export interface StackOutput {
  readonly key: string;
  readonly value: string;
}

/** Reads of the control planes that hold runtime ARNs. */
export interface Lookups {
  /** The value of an SSM parameter, or undefined when it does not exist. */
  parameter(name: string): Promise<string | undefined>;
  /** The outputs of a stack, or undefined when the stack does not exist. */
  stackOutputs(stack: string): Promise<StackOutput[] | undefined>;
}

/** Whether a value is a runtime ARN (not an endpoint ARN: the qualifier comes from the command line). */
function isRuntimeArn(value: string): boolean {
  const parts = parseRuntimeArn(value);
  return parts !== undefined && parts.endpointName === undefined;
}

function requireArn(value: string, source: string): ResolvedRuntime {
  const trimmed = value.trim();
  const parts = parseRuntimeArn(trimmed);
  if (!parts || parts.endpointName !== undefined) {
    const shown = trimmed.length > 120 ? `${trimmed.slice(0, 117)}...` : trimmed;
    const hint = parts ? ' It is an endpoint ARN: store the runtime ARN there and pick the endpoint with --qualifier.' : '';
    throw new CliError(`${source} holds '${shown}', which is not an AgentCore runtime ARN `
      + `(arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>).${hint}`, ExitCode.FAILURE);
  }
  return { arn: trimmed, region: parts.region, source };
}

/**
 * Resolves a target to a runtime ARN. For a stack without `outputKey`, the one output whose value is a runtime ARN is
 * used (several are an error that lists them).
 */
export async function resolveRuntime(target: RuntimeTarget, lookups: Lookups): Promise<ResolvedRuntime> {
  switch (target.kind) {
    case 'arn':
      return requireArn(target.arn, '--runtime-arn');
    case 'ssm': {
      const source = `SSM parameter ${target.parameter}`;
      const value = await lookups.parameter(target.parameter);
      if (value === undefined) {
        throw new CliError(`${source} not found. Check the name, --environment/--ssm-prefix and --region; `
          + 'the parameters are written by runtime.addSsmOutputs() when the stack is deployed.', ExitCode.NOT_FOUND);
      }
      return requireArn(value, source);
    }
    case 'stack': {
      const outputs = await lookups.stackOutputs(target.stack);
      if (outputs === undefined) {
        throw new CliError(`Stack ${target.stack} not found. Check the stack name and --region.`, ExitCode.NOT_FOUND);
      }
      const keys = outputs.map((o) => o.key).join(', ') || 'none';
      if (target.outputKey !== undefined) {
        const output = outputs.find((o) => o.key === target.outputKey);
        if (!output) {
          throw new CliError(`Stack ${target.stack} has no output ${target.outputKey}. Its outputs: ${keys}.`, ExitCode.NOT_FOUND);
        }
        return requireArn(output.value, `output ${output.key} of stack ${target.stack}`);
      }
      const candidates = outputs.filter((o) => isRuntimeArn(o.value.trim()));
      if (candidates.length === 1) return requireArn(candidates[0].value, `output ${candidates[0].key} of stack ${target.stack}`);
      if (candidates.length === 0) {
        throw new CliError(`Stack ${target.stack} has no output holding an AgentCore runtime ARN (its outputs: ${keys}). `
          + 'Add a CfnOutput of runtime.agentRuntimeArn, or use --output-key.', ExitCode.NOT_FOUND);
      }
      throw new CliError(`Stack ${target.stack} has several runtime ARN outputs (${candidates.map((c) => c.key).join(', ')}); `
        + 'choose one with --output-key.', ExitCode.USAGE);
    }
  }
}

/** Client settings shared by the lookups. */
export interface AwsConfig {
  readonly region?: string;
  readonly profile?: string;
}

/** {@link Lookups} over the SSM (GetParameter) and CloudFormation (DescribeStacks) SDK clients. */
export function awsLookups(config: AwsConfig): Lookups {
  const clientConfig = {
    ...(config.region ? { region: config.region } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
  };
  return {
    async parameter(name) {
      const client = new SSMClient(clientConfig);
      keepErrorBodies(client);
      try {
        const out = await client.send(new GetParameterCommand({ Name: name }));
        return out.Parameter?.Value;
      } catch (err) {
        if ((err as Error).name === 'ParameterNotFound') return undefined;
        throw err;
      } finally {
        client.destroy();
      }
    },
    async stackOutputs(stack) {
      const client = new CloudFormationClient(clientConfig);
      keepErrorBodies(client);
      try {
        const out = await client.send(new DescribeStacksCommand({ StackName: stack }));
        const found = out.Stacks?.[0];
        if (!found) return undefined;
        return (found.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '' }));
      } catch (err) {
        if ((err as Error).name === 'ValidationError' && /does not exist/i.test((err as Error).message)) return undefined;
        throw err;
      } finally {
        client.destroy();
      }
    },
  };
}
