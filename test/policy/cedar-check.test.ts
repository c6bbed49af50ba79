import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addPolicy, ordersSetup, policyErrors, synthErrors } from './fixtures';
import { CedarPolicy, CedarStatement, Gateway, InboundAuthorizer, PolicyEngine, TargetCredentialProvider } from '../../lib';
import { testStack } from '../helpers/stack';

const FIXTURES = path.join(__dirname, 'fixtures');
const DISCOVERY = 'https://idp.example.com/.well-known/openid-configuration';

/** A permit of one action on the gateway, for the principal type of an IAM gateway. */
function permit(gatewayArn: string, action: string, principal = 'principal is AgentCore::IamEntity'): string {
  return `permit(\n  ${principal},\n  action == AgentCore::Action::"${action}",\n  resource == AgentCore::Gateway::"${gatewayArn}"\n);`;
}

describe('Cedar syntax', () => {
  test('a valid policy on an existing tool synthesizes; the statement keeps the gateway ARN token', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'read', permit(gateway.gatewayArn, 'Orders___get_order'));
    expect(synthErrors(stack)).toEqual([]);
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Policy')) as any[];
    const statement = policy.Properties.Definition.Cedar.Statement;
    expect(statement['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Tools[0-9A-F]{8}$/), 'GatewayArn'] });
  });

  test('a syntax error names the construct path, the policy, the source, the line and the column', () => {
    const { stack, engine } = ordersSetup();
    addPolicy(engine, 'broken', 'permit(\n  principal,\n  action,\n  resource\n) when { context.input.id == };');
    expect(synthErrors(stack)).toEqual([
      "[TestStack/Engine/broken] Cedar policy 'broken' (inline statement), line 5, column 30: unexpected token `}`: expected `!`, `(`, `-`, `[`, `{`, `false`, identifier, `if`, number, `?principal`, `?resource`, string literal, or `true`",
    ]);
  });

  test('a broken .cedar file is reported with its path, line and column', () => {
    const { stack, engine } = ordersSetup();
    engine.addPolicy('FromFile', { policyName: 'from_file', statement: CedarStatement.fromFile(path.join(FIXTURES, 'broken.cedar')) });
    const errors = synthErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[TestStack\/Engine\/FromFile\] Cedar policy 'from_file' \(test\/policy\/fixtures\/broken\.cedar\), line 8, column 1: unexpected token `}`/);
  });

  test('a valid .cedar file synthesizes', () => {
    const { stack, engine } = ordersSetup();
    engine.addPolicy('Refunds', { statement: CedarStatement.fromFile(path.join(FIXTURES, 'refunds.cedar')) });
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a missing file fails when the statement is created, naming the file', () => {
    expect(() => CedarStatement.fromFile('no/such/policy.cedar')).toThrow(/cannot read the Cedar policy file 'no\/such\/policy\.cedar'/);
  });

  test('a statement holds exactly one static policy', () => {
    const { stack, engine, gateway } = ordersSetup();
    const one = permit(gateway.gatewayArn, 'Orders___get_order');
    addPolicy(engine, 'two', `${one}\n${one}`);
    addPolicy(engine, 'template', 'permit(principal == ?principal, action, resource) when { context.input has id };');
    addPolicy(engine, 'none', '// only a comment, no policy at all, really');
    expect(synthErrors(stack)).toEqual([
      "[TestStack/Engine/two] Cedar policy 'two' (inline statement): contains 2 policies; an AgentCore policy holds exactly one permit or forbid statement (create one CedarPolicy per statement)",
      "[TestStack/Engine/template] Cedar policy 'template' (inline statement): is a template (it has ?principal or ?resource slots); AgentCore policies are static policies",
      "[TestStack/Engine/none] Cedar policy 'none' (inline statement): contains 0 policies; an AgentCore policy holds exactly one permit or forbid statement (create one CedarPolicy per statement)",
    ]);
  });

  test('the CloudFormation length limits (35-10,000 characters) are checked', () => {
    const errors = policyErrors(() => ({
      short: 'forbid(principal,action,resource);',
      long: `forbid(principal, action, resource) when { ${Array(2000).fill('true').join(' && ')} };`,
    }));
    expect(errors[0]).toBe("[TestStack/Engine/short] Cedar policy 'short' (inline statement): the statement is 34 characters long; AgentCore accepts 35-10000");
    expect(errors[1]).toMatch(/^\[TestStack\/Engine\/long\] .*: the statement is 1\d{4} characters long; AgentCore accepts 35-10000$/);
  });

  test('a token outside a string literal is named as the cause', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'bare', `permit(principal, action, resource == ${gateway.gatewayArn});`);
    expect(synthErrors(stack)[0]).toMatch(/line 1, column 39: .*\(a CDK token can only stand inside a Cedar string literal\)$/);
  });

  test('with validateAgainstGateways: false only the syntax is checked', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'unchecked', permit(gateway.gatewayArn, 'Orders___no_such_tool'), { validateAgainstGateways: false });
    addPolicy(engine, 'syntax', 'permit(principal, action, resource) when { context.input.x == };', { validateAgainstGateways: false });
    expect(synthErrors(stack)).toEqual([expect.stringMatching(/^\[TestStack\/Engine\/syntax\] .*line 1, column 63: unexpected token/)]);
  });
});

describe('tool actions of the gateway', () => {
  test('a typo in a tool name is a synthesis error with a suggestion', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'typo', permit(gateway.gatewayArn, 'Orders___get_ordr'));
    expect(synthErrors(stack)).toEqual([
      "[TestStack/Engine/typo] Cedar policy 'typo' (inline statement), line 3, column 13: names the action AgentCore::Action::\"Orders___get_ordr\", which no gateway of this policy engine defines: target 'Orders' of gateway 'TestStack/Tools' has no tool 'get_ordr' (its tools are get_order, refund). Did you mean \"Orders___get_order\"?",
    ]);
  });

  test('an unknown target, and the two-underscore spelling, are named', () => {
    const errors = policyErrors((arn) => ({
      target: permit(arn, 'Billing___get_invoice'),
      underscores: permit(arn, 'Orders__refund'),
    }));
    expect(errors[0]).toContain("gateway 'TestStack/Tools' has no target 'Billing' (its targets are Orders)");
    expect(errors[1]).toContain('Tool actions are <target>___<tool> with three underscores: did you mean "Orders___refund"?');
  });

  test('actions in a list and in conditions are checked too', () => {
    const errors = policyErrors(() => ({
      list: 'permit(principal, action in [AgentCore::Action::"Orders___get_order", AgentCore::Action::"Orders___cancel"], resource);',
      condition: 'forbid(principal, action, resource) when { action == AgentCore::Action::"Orders___delete" };',
    }));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('line 1, column 71: names the action AgentCore::Action::"Orders___cancel"');
    expect(errors[1]).toContain('names the action AgentCore::Action::"Orders___delete"');
  });

  test('a target is an action group; CallTool and Mcp are the documented parents', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'group', `permit(principal is AgentCore::IamEntity, action in AgentCore::Action::"Orders", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`);
    addPolicy(engine, 'calltool', 'forbid(principal, action in AgentCore::Action::"CallTool", resource) unless { principal is AgentCore::IamEntity };');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('an OpenAPI target contributes its operationIds; tools of S3 schemas and MCP servers are not known and accepted', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    const gateway = new Gateway(stack, 'Tools', { policyEngine: engine });
    gateway.addOpenApiTarget('Billing', {
      apiSchema: agentcore.ApiSchema.fromInline(JSON.stringify({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: { '/invoices': { get: { operationId: 'listInvoices' } } },
      })),
      credentialProvider: TargetCredentialProvider.apiKey({
        providerArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/billing',
        secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:billing-AbCdEf',
      }),
    });
    const bucket = s3.Bucket.fromBucketName(stack, 'Schemas', 'schemas');
    gateway.addLambdaTarget('Stock', {
      lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:stock'),
      toolSchema: agentcore.ToolSchema.fromS3File(bucket, 'stock.json'),
    });
    gateway.addMcpServerTarget('Docs', { endpoint: 'https://docs.example.com/mcp' });
    addPolicy(engine, 'openapi', `permit(principal, action == AgentCore::Action::"Billing___listInvoices", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`);
    addPolicy(engine, 'unknown', 'permit(principal, action in [AgentCore::Action::"Stock___anything", AgentCore::Action::"Docs___search"], resource);');
    addPolicy(engine, 'typo', 'permit(principal, action == AgentCore::Action::"Billing___listInvoice", resource);');
    expect(synthErrors(stack)).toEqual([expect.stringContaining('Did you mean "Billing___listInvoices"?')]);
  });

  test('the search tool of a semantic-search gateway is an action', () => {
    const semantic = agentcore.GatewayProtocol.mcp({ searchType: agentcore.McpGatewaySearchType.SEMANTIC });
    const { stack, engine, gateway } = ordersSetup({ protocolConfiguration: semantic });
    addPolicy(engine, 'search', permit(gateway.gatewayArn, 'x_amz_bedrock_agentcore_search'));
    expect(synthErrors(stack)).toEqual([]);
    const plain = ordersSetup();
    addPolicy(plain.engine, 'search', permit(plain.gateway.gatewayArn, 'x_amz_bedrock_agentcore_search'));
    expect(synthErrors(plain.stack)[0]).toContain("'TestStack/Tools' has no semantic search");
  });

  test('a policy naming a gateway that does not use the engine never applies: an error', () => {
    const { stack, engine } = ordersSetup();
    const other = new Gateway(stack, 'Other');
    addPolicy(engine, 'elsewhere', permit(other.gatewayArn, 'Orders___get_order'));
    expect(synthErrors(stack)).toEqual([
      "[TestStack/Engine/elsewhere] Cedar policy 'elsewhere' (inline statement), line 4, column 3: the resource is gateway 'TestStack/Other', which does not use policy engine 'TestStack/Engine', so the policy never applies; attach the engine with gateway.addPolicyEngine(engine)",
    ]);
  });

  test('a policy checks against every gateway of the engine when its resource is not pinned', () => {
    const { stack, engine } = ordersSetup();
    const second = new Gateway(stack, 'Second', { policyEngine: engine });
    second.addLambdaTarget('Billing', {
      lambdaFunction: lambda.Function.fromFunctionArn(stack, 'BillingFn', 'arn:aws:lambda:us-east-1:123456789012:function:billing'),
      toolSchema: agentcore.ToolSchema.fromInline([{ name: 'invoice', description: 'An invoice', inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT } }]),
    });
    addPolicy(engine, 'both', 'permit(principal, action in [AgentCore::Action::"Orders___refund", AgentCore::Action::"Billing___invoice"], resource);');
    addPolicy(engine, 'neither', 'permit(principal, action == AgentCore::Action::"Stock___count", resource is AgentCore::Gateway);');
    const errors = synthErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'TestStack/Tools' gateway 'TestStack/Tools' has no target 'Stock' (its targets are Orders); 'TestStack/Second' gateway 'TestStack/Second' has no target 'Stock' (its targets are Billing)");
  });

  test('an engine that no gateway of the app uses: only syntax and the entity model are checked', () => {
    const stack = testStack();
    const engine = PolicyEngine.fromPolicyEngineArn(stack, 'Engine', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/shared-abcdefghij');
    new CedarPolicy(stack, 'Policy', {
      policyEngine: engine,
      statement: CedarStatement.fromString('permit(principal, action == AgentCore::Action::"Anything___goes", resource);'),
    });
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe("AgentCore's entity model", () => {
  test('entity types outside the AgentCore model are rejected', () => {
    const errors = policyErrors(() => ({
      user: 'permit(principal == User::"alice", action, resource) when { context.input has id };',
      gw: 'permit(principal, action, resource is AgentCore::Gateways) when { context.input has id };',
    }));
    expect(errors[0]).toBe("[TestStack/Engine/user] Cedar policy 'user' (inline statement), line 1, column 21: uses the entity type User; AgentCore policies know only AgentCore::OAuthUser and AgentCore::IamEntity (principals), AgentCore::Gateway (the resource) and AgentCore::Action (tool calls)");
    expect(errors[1]).toContain('line 1, column 39: uses the entity type AgentCore::Gateways');
  });

  test('principal and resource types in their places, and context.input only', () => {
    const errors = policyErrors(() => ({
      principal: 'permit(principal is AgentCore::Gateway, action, resource) when { context.input has id };',
      output: 'forbid(principal, action, resource) when { context.output.secret == "x" };',
    }));
    expect(errors[0]).toContain('constrains the principal to AgentCore::Gateway; principals are AgentCore::OAuthUser or AgentCore::IamEntity');
    expect(errors[1]).toContain("line 1, column 44: reads context.output; AgentCore puts only the tool's arguments in the context, as context.input");
  });

  test('a principal type the gateway never sends is an error (IAM gateway: IamEntity; JWT gateway: OAuthUser)', () => {
    const iam = ordersSetup();
    addPolicy(iam.engine, 'jwtOnIam', permit(iam.gateway.gatewayArn, 'Orders___get_order', 'principal is AgentCore::OAuthUser'));
    expect(synthErrors(iam.stack)).toEqual([expect.stringContaining("line 2, column 16: constrains the principal to AgentCore::OAuthUser, which never matches: 'TestStack/Tools' (AWS_IAM) sends AgentCore::IamEntity principals")]);

    const jwt = ordersSetup({ authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY, allowedClients: ['agent'] }) });
    addPolicy(jwt.engine, 'iamOnJwt', permit(jwt.gateway.gatewayArn, 'Orders___get_order', 'principal is AgentCore::IamEntity'));
    addPolicy(jwt.engine, 'jwt', `permit(
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"Orders___refund",
  resource == AgentCore::Gateway::"${jwt.gateway.gatewayArn}"
) when { principal.hasTag("role") && principal.getTag("role") == "support" };`);
    expect(synthErrors(jwt.stack)).toEqual([expect.stringContaining("constrains the principal to AgentCore::IamEntity, which never matches: 'TestStack/Tools' (CUSTOM_JWT) sends AgentCore::OAuthUser principals")]);
  });
});

describe('Cedar validation against the schema derived from the tools', () => {
  test('an optional argument needs a presence test; number arguments are decimals', () => {
    const { stack, engine, gateway } = ordersSetup();
    const arn = gateway.gatewayArn;
    addPolicy(engine, 'optional', `permit(principal, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${arn}") when { context.input.amount < 100 };`);
    addPolicy(engine, 'guarded', `permit(principal, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${arn}") when { context.input has amount && context.input.amount < 100 };`);
    addPolicy(engine, 'decimal', 'forbid(principal, action == AgentCore::Action::"Orders___refund", resource) when { context.input.amount > 500 };');
    addPolicy(engine, 'decimalOk', 'forbid(principal, action == AgentCore::Action::"Orders___refund", resource) when { context.input.amount.greaterThan(decimal("500.0")) };');
    addPolicy(engine, 'attribute', 'forbid(principal, action == AgentCore::Action::"Orders___refund", resource) when { context.input.reason == "fraud" };');
    const errors = synthErrors(stack);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^\[TestStack\/Engine\/optional\] Cedar policy 'optional' \(inline statement\), line 1, column \d+: unable to guarantee safety of access to optional attribute `input.amount`.*\(try testing for the attribute's presence with `context.input has amount && \.\.`\) \(Cedar validation against the schema of the gateway's tools\)$/);
    expect(errors[1]).toMatch(/^\[TestStack\/Engine\/decimal\] .*line 1, column 84: .*/);
    expect(errors[2]).toMatch(/^\[TestStack\/Engine\/attribute\] .*line 1, column 84: attribute `input.reason` in context for AgentCore::Action::"Orders___refund" not found \(did you mean `amount`\?\)/);
  });

  test('no schema validation when a tool schema of the gateway is not known (only action names are checked)', () => {
    const { stack, engine, gateway } = ordersSetup();
    gateway.addMcpServerTarget('Docs', { endpoint: 'https://docs.example.com/mcp' });
    addPolicy(engine, 'anything', 'permit(principal, action == AgentCore::Action::"Orders___get_order", resource) when { context.input.whatever == 1 };');
    expect(synthErrors(stack)).toEqual([]);
  });
});
