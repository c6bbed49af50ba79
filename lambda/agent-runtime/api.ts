/**
 * The slice of the AgentCore control plane the lifecycle uses, and its implementation on the AWS SDK.
 * The lifecycle only sees this interface, so unit tests can pass a fake.
 */
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  DeleteAgentRuntimeEndpointCommand,
  DeleteResourcePolicyCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListAgentRuntimeEndpointsCommand,
  ListAgentRuntimesCommand,
  PutResourcePolicyCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { configOf, createRequest, updateRequest } from './properties';
import type { RuntimeConfig, RuntimeSpec } from './properties';

/** Identity and status of a runtime. */
export interface RuntimeSummary {
  readonly agentRuntimeId: string;
  readonly agentRuntimeArn: string;
  readonly agentRuntimeName: string;
  readonly agentRuntimeVersion: string;
  readonly status: string;
  readonly failureReason?: string;
}

/** A runtime as GetAgentRuntime describes it. */
export interface RuntimeDetails extends RuntimeSummary {
  /** The configuration members of the latest version (as returned; may carry service defaults). */
  readonly config: Partial<RuntimeConfig>;
}

/** A runtime endpoint (DEFAULT or named). */
export interface EndpointSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly liveVersion?: string;
}

/** The AgentCore control-plane operations the provider calls (IAM: `bedrock-agentcore:<Operation>`). */
export interface ControlPlane {
  /** CreateAgentRuntime of a spec with these tags (ownership tags included). */
  createAgentRuntime(input: { spec: RuntimeSpec; tags: Record<string, string>; clientToken: string }): Promise<RuntimeSummary>;
  getAgentRuntime(id: string): Promise<RuntimeDetails>;
  updateAgentRuntime(id: string, config: RuntimeConfig, clientToken: string): Promise<RuntimeSummary>;
  deleteAgentRuntime(id: string, clientToken: string): Promise<void>;
  /** Every runtime in the account and region (all pages). */
  listAgentRuntimes(): Promise<RuntimeSummary[]>;
  listTagsForResource(arn: string): Promise<Record<string, string>>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
  /** Every endpoint of a runtime, DEFAULT included (all pages). */
  listAgentRuntimeEndpoints(id: string): Promise<EndpointSummary[]>;
  getAgentRuntimeEndpoint(id: string, name: string): Promise<EndpointSummary>;
  deleteAgentRuntimeEndpoint(id: string, name: string, clientToken: string): Promise<void>;
  putResourcePolicy(arn: string, policy: string): Promise<void>;
  deleteResourcePolicy(arn: string): Promise<void>;
}

interface SdkRuntime {
  agentRuntimeId?: string;
  agentRuntimeArn?: string;
  agentRuntimeName?: string;
  agentRuntimeVersion?: string;
  status?: string;
  failureReason?: string;
}

function summary(r: SdkRuntime, fallbackName = ''): RuntimeSummary {
  return {
    agentRuntimeId: r.agentRuntimeId ?? '',
    agentRuntimeArn: r.agentRuntimeArn ?? '',
    agentRuntimeName: r.agentRuntimeName ?? fallbackName,
    agentRuntimeVersion: r.agentRuntimeVersion ?? '',
    status: r.status ?? '',
    ...(r.failureReason ? { failureReason: r.failureReason } : {}),
  };
}

interface SdkEndpoint {
  name?: string;
  agentRuntimeEndpointArn?: string;
  status?: string;
  liveVersion?: string;
}

function endpoint(e: SdkEndpoint, fallbackName = ''): EndpointSummary {
  return {
    name: e.name ?? fallbackName,
    arn: e.agentRuntimeEndpointArn ?? '',
    status: e.status ?? '',
    ...(e.liveVersion ? { liveVersion: e.liveVersion } : {}),
  };
}

/** The ControlPlane on an SDK client (create it at module scope so connections are reused). */
export function sdkControlPlane(client: BedrockAgentCoreControlClient): ControlPlane {
  return {
    async createAgentRuntime({ spec, tags, clientToken }) {
      const r = await client.send(new CreateAgentRuntimeCommand({ ...createRequest(spec, tags), clientToken }));
      return summary(r, spec.name);
    },
    async getAgentRuntime(id) {
      const r = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
      return { ...summary(r), config: configOf(r as unknown as Record<string, unknown>) };
    },
    async updateAgentRuntime(id, config, clientToken) {
      const r = await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, ...updateRequest(config), clientToken }));
      return summary(r, '');
    },
    async deleteAgentRuntime(id, clientToken) {
      await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id, clientToken }));
    },
    async listAgentRuntimes() {
      const out: RuntimeSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
        out.push(...(page.agentRuntimes ?? []).map((r) => summary(r)));
        nextToken = page.nextToken || undefined;
      } while (nextToken);
      return out;
    },
    async listTagsForResource(arn) {
      const r = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      return r.tags ?? {};
    },
    async tagResource(arn, tags) {
      await client.send(new TagResourceCommand({ resourceArn: arn, tags }));
    },
    async untagResource(arn, keys) {
      await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys }));
    },
    async listAgentRuntimeEndpoints(id) {
      const out: EndpointSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, maxResults: 100, nextToken }));
        out.push(...(page.runtimeEndpoints ?? []).map((e) => endpoint(e)));
        nextToken = page.nextToken || undefined;
      } while (nextToken);
      return out;
    },
    async getAgentRuntimeEndpoint(id, name) {
      // The response has no name member: it is the one asked for.
      return endpoint(await client.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name })), name);
    },
    async deleteAgentRuntimeEndpoint(id, name, clientToken) {
      await client.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name, clientToken }));
    },
    async putResourcePolicy(arn, policy) {
      await client.send(new PutResourcePolicyCommand({ resourceArn: arn, policy }));
    },
    async deleteResourcePolicy(arn) {
      await client.send(new DeleteResourcePolicyCommand({ resourceArn: arn }));
    },
  };
}
