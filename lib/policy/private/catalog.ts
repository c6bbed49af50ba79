import { Stack, Token } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type { Gateway } from '../../gateway/gateway';

/** A JSON Schema of tool input as a gateway target declares it (the CloudFormation `SchemaDefinition` shape). */
export interface JsonSchema {
  readonly type?: string;
  readonly properties?: { [name: string]: JsonSchema };
  readonly required?: string[];
  readonly items?: JsonSchema;
}

/** The tools of one target: tool name → input schema (undefined when only the name is known). */
export type TargetTools = Map<string, JsonSchema | undefined>;

/** What synthesis knows about the tools of one gateway. */
export interface ToolCatalog {
  readonly gateway: Gateway;
  /** `AWS_IAM`, `CUSTOM_JWT` or `NONE`. */
  readonly authorizerType: string;
  /** Target name → its tools, or undefined when they are not known at synthesis (S3 schemas, Smithy, MCP servers). */
  readonly targets: Map<string, TargetTools | undefined>;
  /** False when a target name is a token: the catalog cannot be relied on. */
  readonly complete: boolean;
  /** Whether the gateway has semantic search (AgentCore adds its search tool). */
  readonly search: boolean;
}

/**
 * The tools a gateway of this library serves, read from its targets' CloudFormation configuration: inline Lambda tool
 * schemas give names and input schemas, inline OpenAPI documents give names (their `operationId`s), the other kinds
 * give nothing at synthesis.
 */
export function catalogOf(gateway: Gateway): ToolCatalog {
  const targets = new Map<string, TargetTools | undefined>();
  let complete = true;
  for (const target of gateway.targets) {
    if (Token.isUnresolved(target.gatewayTargetName)) {
      complete = false;
      continue;
    }
    targets.set(target.gatewayTargetName, toolsOf(target.node.defaultChild as agentcore.CfnGatewayTarget, target.toolNames));
  }
  const protocol = gateway.protocolConfiguration as { searchType?: string };
  return {
    gateway,
    authorizerType: gateway.authorizerConfiguration.authorizerType,
    targets,
    complete,
    search: protocol.searchType === 'SEMANTIC',
  };
}

function toolsOf(resource: agentcore.CfnGatewayTarget, toolNames: string[]): TargetTools | undefined {
  const config = Stack.of(resource).resolve(resource.targetConfiguration);
  const inline = config?.mcp?.lambda?.toolSchema?.inlinePayload;
  if (Array.isArray(inline)) {
    const tools: TargetTools = new Map();
    for (const tool of inline) {
      if (typeof tool?.name !== 'string' || Token.isUnresolved(tool.name)) return undefined;
      tools.set(tool.name, tool.inputSchema);
    }
    return tools;
  }
  if (config?.mcp?.openApiSchema?.inlinePayload !== undefined && toolNames.length > 0) {
    return new Map(toolNames.map((name) => [name, undefined]));
  }
  return undefined;
}
