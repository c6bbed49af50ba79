import { CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExecutionRole } from '../../lib/execution-role';
import { Gateway, InboundAuthorizer } from '../../lib/gateway';
import { nagErrors } from '../helpers/nag';
import { ACCOUNT, testStack } from '../helpers/stack';
import { join, onlyResource } from '../helpers/template';
import { agentCoreTrustPolicy } from '../helpers/trust';

const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const DISCOVERY = 'https://idp.example.com/.well-known/openid-configuration';

function gatewayProps(template: Template): any {
  return onlyResource(template, 'AWS::BedrockAgentCore::Gateway').Properties;
}

function inlineTools(...names: string[]): agentcore.ToolSchema {
  return agentcore.ToolSchema.fromInline(names.map((name) => ({
    name,
    description: `The ${name} tool`,
    inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT },
  })));
}

describe('Gateway defaults', () => {
  test('AWS_IAM inbound auth, MCP, a generated lower-case name, and no Cognito resources', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools');
    const t = Template.fromStack(stack);
    const props = gatewayProps(t);
    expect(Object.keys(props).sort()).toEqual(['AuthorizerType', 'Name', 'ProtocolType', 'RoleArn']);
    expect(props.RoleArn).toEqual({ 'Fn::GetAtt': [Object.keys(t.findResources('AWS::IAM::Role'))[0], 'Arn'] });
    expect(props.AuthorizerType).toBe('AWS_IAM');
    expect(props.ProtocolType).toBe('MCP');
    expect(props.AuthorizerConfiguration).toBeUndefined();
    expect(props.ProtocolConfiguration).toBeUndefined();
    expect(props.KmsKeyArn).toBeUndefined();
    expect(props.ExceptionLevel).toBeUndefined();
    expect(props.Name).toMatch(/^teststack-tools-[0-9a-f]{8}$/);
    for (const type of ['UserPool', 'UserPoolClient', 'UserPoolDomain', 'UserPoolResourceServer']) {
      t.resourceCountIs(`AWS::Cognito::${type}`, 0);
    }
    expect(Object.keys(t.toJSON().Resources).some((logicalId) => t.toJSON().Resources[logicalId].Type.startsWith('AWS::Cognito::'))).toBe(false);
  });

  test('the generated name is valid, stable across syntheses and unique per construct path', () => {
    const names = (build: (s: Stack) => void): string[] => {
      const stack = testStack();
      build(stack);
      return Object.values(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Gateway')).map((g: any) => g.Properties.Name);
    };
    const first = names((s) => { new Gateway(s, 'A'); new Gateway(s, 'B'); });
    const again = names((s) => { new Gateway(s, 'A'); new Gateway(s, 'B'); });
    expect(first).toEqual(again);
    expect(new Set(first).size).toBe(2);
    for (const n of first) expect(n).toMatch(/^([0-9a-zA-Z]-?){1,48}$/);

    const deep = testStack('A-Very-Long-Stack-Name-That-Goes-On-And-On-And-On-And-On');
    const gw = new Gateway(deep, 'Gateway__With--Odd__Id');
    expect(gw.gatewayName.length).toBeLessThanOrEqual(48);
    expect(gw.gatewayName).toMatch(/^([0-9a-z]-?){1,48}$/);
  });

  test('the service role trusts AgentCore for this gateway only', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', { gatewayName: 'Support-Tools' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      // Gateway ids are the lower-cased name plus a suffix.
      AssumeRolePolicyDocument: agentCoreTrustPolicy('gateway/support-tools-*'),
    });
  });

  test('the role has no permissions until targets are added, and the gateway waits for the role', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const role = Object.keys(t.findResources('AWS::IAM::Role'))[0];
    const gw = Object.values(t.findResources('AWS::BedrockAgentCore::Gateway'))[0] as any;
    expect(gw.DependsOn).toEqual([role]);
    expect(t.findResources('AWS::IAM::Role')[role].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('exposes the L1 attributes, with gatewayUrl always set', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools');
    const logicalId = stack.getLogicalId(gw.node.defaultChild as agentcore.CfnGateway);
    expect(stack.resolve(gw.gatewayUrl)).toEqual({ 'Fn::GetAtt': [logicalId, 'GatewayUrl'] });
    expect(stack.resolve(gw.gatewayArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'GatewayArn'] });
    expect(stack.resolve(gw.gatewayId)).toEqual({ 'Fn::GetAtt': [logicalId, 'GatewayIdentifier'] });
    expect(gw.authorizerConfiguration.authorizerType).toBe('AWS_IAM');
    expect(gw.targets).toEqual([]);
  });

  test('snapshot of the default configuration', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools');
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('Gateway props', () => {
  test('name, description, protocol, exception level and tags', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', {
      gatewayName: 'support-tools',
      description: 'Tools of the support agent',
      protocolConfiguration: agentcore.GatewayProtocol.mcp({
        supportedVersions: [agentcore.MCPProtocolVersion.MCP_2025_06_18, agentcore.MCPProtocolVersion.of('2025-11-25')],
        searchType: agentcore.McpGatewaySearchType.SEMANTIC,
        instructions: 'Use these tools to look up orders.',
      }),
      exceptionLevel: agentcore.GatewayExceptionLevel.DEBUG,
      tags: { 'team': 'support', 'cost-center': '42' },
    });
    const props = gatewayProps(Template.fromStack(stack));
    expect(props.Name).toBe('support-tools');
    expect(props.Description).toBe('Tools of the support agent');
    expect(props.ProtocolConfiguration).toEqual({
      Mcp: { SupportedVersions: ['2025-06-18', '2025-11-25'], SearchType: 'SEMANTIC', Instructions: 'Use these tools to look up orders.' },
    });
    expect(props.ExceptionLevel).toBe('DEBUG');
    expect(props.Tags).toEqual({ 'team': 'support', 'cost-center': '42' });
  });

  test('Tags.of() tags the gateway too', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools', { tags: { team: 'support' } });
    Tags.of(gw).add('stage', 'prod');
    expect(gatewayProps(Template.fromStack(stack)).Tags).toEqual({ team: 'support', stage: 'prod' });
  });

  test('a user role is used as is and the gateway waits for it', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    const gw = new Gateway(stack, 'Tools', { role });
    expect(gw.role).toBe(role);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 1);
    expect(gatewayProps(t).RoleArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as iam.CfnRole), 'Arn'] });
    expect((Object.values(t.findResources('AWS::BedrockAgentCore::Gateway'))[0] as any).DependsOn)
      .toEqual([stack.getLogicalId(role.node.defaultChild as iam.CfnRole)]);
  });

  test('an imported role by ARN is accepted', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/GatewayRole`);
    new Gateway(stack, 'Tools', { role });
    expect(gatewayProps(Template.fromStack(stack)).RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/GatewayRole`);
  });

  test('kmsKey: the key ARN and exactly the KMS actions the service needs, via bedrock-agentcore only', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const gw = new Gateway(stack, 'Tools', { kmsKey: key });
    expect(gw.kmsKey).toBe(key);
    const t = Template.fromStack(stack);
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    expect(gatewayProps(t).KmsKeyArn).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const policies = t.findResources('AWS::IAM::Policy');
    expect(Object.keys(policies)).toHaveLength(1);
    const [policyId, policy] = Object.entries(policies)[0] as [string, any];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'bedrock-agentcore.us-east-1.amazonaws.com' } },
    }]);
    const gateway = Object.values(t.findResources('AWS::BedrockAgentCore::Gateway'))[0] as any;
    expect(gateway.DependsOn).toEqual(expect.arrayContaining([policyId]));
  });

  test('kmsKey with a user role: the grant is applied before the gateway', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/GatewayRole`);
    new Gateway(stack, 'Tools', { role, kmsKey: kms.Key.fromKeyArn(stack, 'K', KEY_ARN) });
    const t = Template.fromStack(stack);
    const [policyId, policy] = Object.entries(t.findResources('AWS::IAM::Policy'))[0] as [string, any];
    expect(policy.Properties.Roles).toEqual(['GatewayRole']);
    expect(policy.Properties.PolicyDocument.Statement[0].Resource).toBe(KEY_ARN);
    expect((Object.values(t.findResources('AWS::BedrockAgentCore::Gateway'))[0] as any).DependsOn).toEqual([policyId]);
  });
});

describe('Gateway inbound authorizers', () => {
  test('IAM is the default and explicit IAM renders the same', () => {
    const a = testStack();
    new Gateway(a, 'Tools');
    const b = testStack();
    new Gateway(b, 'Tools', { authorizerConfiguration: InboundAuthorizer.awsIam() });
    expect(gatewayProps(Template.fromStack(b))).toEqual(gatewayProps(Template.fromStack(a)));
  });

  test('custom JWT', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', {
      authorizerConfiguration: InboundAuthorizer.customJwt({
        discoveryUrl: DISCOVERY, allowedAudiences: ['mcp'], allowedClients: ['client-1'], allowedScopes: ['tools/invoke'],
      }),
    });
    const props = gatewayProps(Template.fromStack(stack));
    expect(props.AuthorizerType).toBe('CUSTOM_JWT');
    expect(props.AuthorizerConfiguration).toEqual({
      CustomJWTAuthorizer: { DiscoveryUrl: DISCOVERY, AllowedAudience: ['mcp'], AllowedClients: ['client-1'], AllowedScopes: ['tools/invoke'] },
    });
  });

  test('an existing Cognito user pool: discovery URL and clients are derived, nothing Cognito is created', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', '3abc123clientid');
    new Gateway(stack, 'Tools', { authorizerConfiguration: InboundAuthorizer.cognito({ userPool: pool, clients: [client], allowedScopes: ['tools/read'] }) });
    const t = Template.fromStack(stack);
    expect(gatewayProps(t).AuthorizerConfiguration).toEqual({
      CustomJWTAuthorizer: {
        DiscoveryUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/.well-known/openid-configuration',
        AllowedClients: ['3abc123clientid'],
        AllowedScopes: ['tools/read'],
      },
    });
    t.resourceCountIs('AWS::Cognito::UserPool', 0);
  });

  test('a Cognito user pool of the same app resolves to its id and Region', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('App');
    new Gateway(stack, 'Tools', { authorizerConfiguration: InboundAuthorizer.cognito({ userPool: pool, clients: [client] }) });
    const jwt = gatewayProps(Template.fromStack(stack)).AuthorizerConfiguration.CustomJWTAuthorizer;
    expect(jwt.DiscoveryUrl).toEqual(join('https://cognito-idp.us-east-1.amazonaws.com/', { Ref: stack.getLogicalId(pool.node.defaultChild as cognito.CfnUserPool) }, '/.well-known/openid-configuration'));
    expect(jwt.AllowedClients).toEqual([{ Ref: stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient) }]);
  });

  test("aws-cdk-lib's GatewayAuthorizer values are accepted", () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', { authorizerConfiguration: agentcore.GatewayAuthorizer.usingCustomJwt({ discoveryUrl: DISCOVERY, allowedClients: ['c'] }) });
    expect(gatewayProps(Template.fromStack(stack)).AuthorizerConfiguration).toEqual({ CustomJWTAuthorizer: { DiscoveryUrl: DISCOVERY, AllowedClients: ['c'] } });
  });

  test('other IGatewayProtocolConfig and IGatewayAuthorizerConfig implementations are rendered as they render themselves', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', {
      protocolConfiguration: { protocolType: 'MCP', _render: () => ({ mcp: { instructions: 'custom' } }) },
      authorizerConfiguration: { authorizerType: agentcore.GatewayAuthorizerType.CUSTOM_JWT, _render: () => ({ customJwtAuthorizer: { discoveryUrl: DISCOVERY, allowedScopes: ['s'] } }) },
    });
    const props = gatewayProps(Template.fromStack(stack));
    expect(props.ProtocolConfiguration).toEqual({ Mcp: { Instructions: 'custom' } });
    expect(props.AuthorizerConfiguration).toEqual({ CustomJWTAuthorizer: { DiscoveryUrl: DISCOVERY, AllowedScopes: ['s'] } });
  });

  test('a CUSTOM_JWT authorizer without a JWT configuration is rejected', () => {
    expect(() => new Gateway(testStack(), 'G', { authorizerConfiguration: { authorizerType: agentcore.GatewayAuthorizerType.CUSTOM_JWT, _render: () => undefined } }))
      .toThrow(/authorizerConfiguration 'CUSTOM_JWT' needs a customJwtAuthorizer configuration/);
  });

  test('no inbound authorization draws a warning', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools', { authorizerConfiguration: agentcore.GatewayAuthorizer.withNoAuth() });
    Annotations.fromStack(stack).hasWarning('/TestStack/Tools', Match.stringLikeRegexp('no inbound authorization'));
  });
});

describe('Gateway grants and metrics', () => {
  test('grantInvoke: InvokeGateway on exactly the gateway ARN', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools');
    const role = new iam.Role(stack, 'Agent', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    const grant = gw.grantInvoke(role);
    expect(grant.success).toBe(true);
    const t = Template.fromStack(stack);
    const gwId = stack.getLogicalId(gw.node.defaultChild as agentcore.CfnGateway);
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: { 'Fn::GetAtt': [gwId, 'GatewayArn'] } }] },
    });
  });

  test('grantInvoke on an imported gateway', () => {
    const stack = testStack();
    const gatewayArn = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:gateway/support-tools-abcdefghij`;
    const gw = Gateway.fromGatewayAttributes(stack, 'Imported', { gatewayArn });
    const role = new iam.Role(stack, 'Agent', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    gw.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: gatewayArn }] },
    });
  });

  test('an imported gateway derives its id, name and URL from the ARN', () => {
    const stack = testStack();
    const gw = Gateway.fromGatewayAttributes(stack, 'Imported', {
      gatewayArn: `arn:aws:bedrock-agentcore:eu-west-1:${ACCOUNT}:gateway/support-tools-abcdefghij`,
    });
    expect(gw.gatewayId).toBe('support-tools-abcdefghij');
    expect(gw.gatewayName).toBe('support-tools');
    expect(stack.resolve(gw.gatewayUrl)).toEqual(join('https://support-tools-abcdefghij.gateway.bedrock-agentcore.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/mcp'));
    expect(gw.env.region).toBe('eu-west-1');
    expect(gw.authorizerConfiguration.authorizerType).toBe('AWS_IAM');
    expect(() => gw.role).toThrow(/the role is unknown; pass 'role'/);
  });

  test('an imported gateway keeps the attributes it is given', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'R', `arn:aws:iam::${ACCOUNT}:role/GatewayRole`);
    const gw = Gateway.fromGatewayAttributes(stack, 'Imported', {
      gatewayArn: `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:gateway/tools-abcdefghij`,
      gatewayName: 'Tools',
      gatewayUrl: 'https://example.com/mcp',
      role,
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY, allowedClients: ['c'] }),
    });
    expect(gw.gatewayName).toBe('Tools');
    expect(gw.gatewayUrl).toBe('https://example.com/mcp');
    expect(gw.role).toBe(role);
    expect(gw.authorizerConfiguration.authorizerType).toBe('CUSTOM_JWT');
  });

  test('an imported gateway with a token ARN still has a URL', () => {
    const stack = testStack();
    const gw = Gateway.fromGatewayAttributes(stack, 'Imported', { gatewayArn: new Gateway(stack, 'Other').gatewayArn });
    const url = stack.resolve(gw.gatewayUrl);
    expect(url['Fn::Join'][1][0]).toBe('https://');
    expect(url['Fn::Join'][1][1]).toHaveProperty('Fn::Select');
    expect(url['Fn::Join'][1][2]).toBe('.gateway.bedrock-agentcore.');
    expect(url['Fn::Join'][1].slice(-1)).toEqual(['/mcp']);
  });

  test('Gateway.urlOf gives a URL for ours and for aws-cdk-lib gateways, defined or imported', () => {
    const stack = testStack();
    const ours = new Gateway(stack, 'Tools');
    expect(Gateway.urlOf(ours)).toBe(ours.gatewayUrl);
    const theirs = agentcore.Gateway.fromGatewayAttributes(stack, 'Theirs', {
      gatewayArn: `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:gateway/x-abcdefghij`,
      gatewayId: 'x-abcdefghij',
      gatewayName: 'x',
      role: iam.Role.fromRoleArn(stack, 'R', `arn:aws:iam::${ACCOUNT}:role/R`),
    });
    expect(theirs.gatewayUrl).toBeUndefined();
    expect(stack.resolve(Gateway.urlOf(theirs))).toEqual(join('https://x-abcdefghij.gateway.bedrock-agentcore.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/mcp'));
  });

  test('metrics use the AgentCore namespace and the gateway ARN', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools');
    const m = gw.metricInvocations();
    expect(m.namespace).toBe('AWS/Bedrock-AgentCore');
    expect(m.metricName).toBe('Invocations');
    expect(m.statistic).toBe(cloudwatch.Stats.SUM);
    expect(stack.resolve(m.dimensions!.Resource)).toEqual(stack.resolve(gw.gatewayArn));
    expect(gw.metricLatency().statistic).toBe(cloudwatch.Stats.AVERAGE);
    expect(gw.metricSystemErrors().metricName).toBe('SystemErrors');
    expect(gw.metricUserErrors().metricName).toBe('UserErrors');
    expect(gw.metricThrottles().metricName).toBe('Throttles');
    expect(gw.metricDuration().metricName).toBe('Duration');
    expect(gw.metricTargetExecutionTime().metricName).toBe('TargetExecutionTime');
    expect(gw.metricTargetType('Lambda').dimensions).toEqual(expect.objectContaining({ TargetType: 'Lambda' }));
  });
});

describe('Gateway validation', () => {
  const cases: Array<[string, () => void, RegExp]> = [
    ['gatewayName with an underscore', () => new Gateway(testStack(), 'G', { gatewayName: 'my_gateway' }), /gatewayName 'my_gateway' must match/],
    ['gatewayName with two hyphens in a row', () => new Gateway(testStack(), 'G', { gatewayName: 'my--gateway' }), /gatewayName 'my--gateway' must match/],
    ['gatewayName longer than 48', () => new Gateway(testStack(), 'G', { gatewayName: 'a'.repeat(49) }), /gatewayName 'a{49}' must match/],
    ['empty description', () => new Gateway(testStack(), 'G', { description: '' }), /description '' must be 1-200 characters long \(it is 0\)/],
    ['description longer than 200', () => new Gateway(testStack(), 'G', { description: 'd'.repeat(201) }), /description 'd{64}…\(89 characters\)…d{48}' must be 1-200 characters long \(it is 201\)/],
    ['instructions longer than 2048', () => new Gateway(testStack(), 'G', {
      protocolConfiguration: agentcore.GatewayProtocol.mcp({ instructions: 'i'.repeat(2049) }),
    }), /protocolConfiguration\.instructions 'i+…\(\d+ characters\)…i+' must be 1-2048 characters long/],
    ['a malformed MCP version', () => new Gateway(testStack(), 'G', {
      protocolConfiguration: agentcore.GatewayProtocol.mcp({ supportedVersions: [agentcore.MCPProtocolVersion.of('latest')] }),
    }), /protocolConfiguration\.supportedVersions\[0\] 'latest' must match an MCP version date/],
    ['a JWT authorizer without audiences, clients or scopes', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY }),
    }), /authorizerConfiguration 'CUSTOM_JWT' must restrict tokens with at least one of allowedAudiences, allowedClients or allowedScopes/],
    ['a Cognito authorizer without clients, audiences or scopes', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.cognito({ userPool: cognito.UserPool.fromUserPoolId(new Stack(), 'P', 'us-east-1_x') }),
    }), /authorizerConfiguration 'CUSTOM_JWT' must restrict tokens/],
    ['a discovery URL without the well-known path', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: 'https://idp.example.com/', allowedClients: ['c'] }),
    }), /authorizerConfiguration\.discoveryUrl 'https:\/\/idp\.example\.com\/' must match https:\/\/<issuer>\/\.well-known\/openid-configuration/],
    ['a plain-http discovery URL', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: 'http://idp.example.com/.well-known/openid-configuration', allowedClients: ['c'] }),
    }), /authorizerConfiguration\.discoveryUrl 'http:\/\/idp\.example\.com.*' must match/],
    ['an empty allowedClients list', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY, allowedClients: [], allowedScopes: ['s'] }),
    }), /authorizerConfiguration\.allowedClients '\[\]' must not be empty when given/],
    ['a scope with a space', () => new Gateway(testStack(), 'G', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY, allowedScopes: ['read write'] }),
    }), /authorizerConfiguration\.allowedScopes\[0\] 'read write' must match/],
    ['a KMS alias', () => {
      const s = testStack();
      new Gateway(s, 'G', { kmsKey: kms.Alias.fromAliasName(s, 'A', 'alias/gateway') });
    }, /kmsKey '.*' must be a key, not an alias/],
    ['a key ARN that is not a key', () => {
      const s = testStack();
      new Gateway(s, 'G', { kmsKey: kms.Key.fromKeyArn(s, 'K', `arn:aws:kms:us-east-1:${ACCOUNT}:key/not-a-key-id`) });
    }, /kmsKey 'arn:aws:kms:us-east-1:123456789012:key\/not-a-key-id' must match a KMS key ARN/],
    ['a tag key reserved by AWS', () => new Gateway(testStack(), 'G', { tags: { 'aws:owner': 'me' } }), /tags key 'aws:owner' must not start with 'aws:'/],
    ['a tag value with a forbidden character', () => new Gateway(testStack(), 'G', { tags: { team: 'a&b' } }), /tags\['team'\] 'a&b' must match/],
    ['more than 50 tags', () => new Gateway(testStack(), 'G', {
      tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
    }), /tags has 51 entries; at most 50 are allowed$/m],
  ];
  test.each(cases)('rejects %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  test('errors name the construct path and are reported together', () => {
    expect(() => new Gateway(testStack(), 'G', { gatewayName: 'bad_name', description: '' }))
      .toThrow(/Invalid Gateway at 'TestStack\/G':\n {2}- gatewayName 'bad_name' must match .*\n {2}- description '' must be 1-200/);
  });

  test('token values are not validated', () => {
    const stack = testStack();
    const param = new CfnParameter(stack, 'Name');
    expect(() => new Gateway(stack, 'G', { gatewayName: param.valueAsString, description: param.valueAsString })).not.toThrow();
  });
});

describe('Gateway and cdk-nag', () => {
  test('AwsSolutions: no errors for the defaults', () => {
    const stack = testStack();
    new Gateway(stack, 'Tools');
    expect(nagErrors(stack)).toEqual([]);
  });

  test('AwsSolutions: no errors for an ExecutionRole allowed to invoke a gateway with a Lambda target', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools');
    gw.addLambdaTarget('Orders', {
      lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`),
      toolSchema: inlineTools('get_order'),
    });
    const role = new ExecutionRole(stack, 'AgentRole', { agentName: 'support_agent' });
    gw.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      Policies: [{ PolicyName: 'AgentCoreRuntime', PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'bedrock-agentcore:InvokeGateway' })]) } }],
    });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('AwsSolutions: no errors for a gateway with a Lambda target, a KMS key and a JWT authorizer', () => {
    const stack = testStack();
    const gw = new Gateway(stack, 'Tools', {
      kmsKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: DISCOVERY, allowedClients: ['c'] }),
    });
    gw.addLambdaTarget('Orders', {
      lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`),
      toolSchema: inlineTools('get_order'),
    });
    expect(nagErrors(stack)).toEqual([]);
  });
});
