import * as path from 'path';
import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Gateway, OAuthGrantType, TargetCredentialProvider } from '../../lib/gateway';
import { nagErrors } from '../helpers/nag';
import { ACCOUNT, PARTITION, testStack } from '../helpers/stack';

const FN_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`;
const API_KEY_ARN = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:token-vault/default/apikeycredentialprovider/weather`;
const OAUTH_ARN = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:token-vault/default/oauth2credentialprovider/github`;
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:bedrock-agentcore-identity!default/apikey/weather-AbCdEf`;
const DIRECTORY = { 'Fn::Join': ['', ['arn:', PARTITION, `:bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default`]] };

function identity(gatewayName: string): any {
  return { 'Fn::Join': ['', ['arn:', PARTITION, `:bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default/workload-identity/${gatewayName}-*`]] };
}

function tools(...names: string[]): agentcore.ToolSchema {
  return agentcore.ToolSchema.fromInline(names.map((name) => ({
    name,
    description: `The ${name} tool`,
    inputSchema: {
      type: agentcore.SchemaDefinitionType.OBJECT,
      properties: { id: { type: agentcore.SchemaDefinitionType.STRING, description: 'An id' } },
      required: ['id'],
    },
  })));
}

function openApi(...operationIds: string[]): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Weather', version: '1' },
    paths: Object.fromEntries(operationIds.map((op) => [`/${op}`, { get: { operationId: op, responses: { 200: { description: 'ok' } } } }])),
  });
}

function setup(): { stack: Stack; gateway: Gateway; fn: lambda.IFunction } {
  const stack = testStack();
  const gateway = new Gateway(stack, 'Tools', { gatewayName: 'tools' });
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', FN_ARN);
  return { stack, gateway, fn };
}

/** The target resource, its policy statements and its DependsOn. */
function targetOf(stack: Stack, target: agentcore.IGatewayTarget): { props: any; dependsOn: string[]; statements: any[]; policyId?: string } {
  const t = Template.fromStack(stack);
  const id = stack.getLogicalId((target.node.defaultChild as agentcore.CfnGatewayTarget));
  const resource = t.toJSON().Resources[id];
  const policy = (target as any).gatewayRolePolicy as iam.Policy | undefined;
  const policyId = policy ? stack.getLogicalId(policy.node.defaultChild as iam.CfnPolicy) : undefined;
  const rendered = policyId ? t.toJSON().Resources[policyId] : undefined;
  const statements = rendered ? rendered.Properties.PolicyDocument.Statement : [];
  return { props: resource.Properties, dependsOn: resource.DependsOn ?? [], statements, policyId };
}

describe('Lambda targets', () => {
  test('inline tool schema: lambda:InvokeFunction on exactly that function, in a policy the target depends on', () => {
    const { stack, gateway, fn } = setup();
    const target = gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: tools('get_order', 'cancel_order'), description: 'Order tools' });
    const { props, dependsOn, statements, policyId } = targetOf(stack, target);
    expect(props).toEqual({
      GatewayIdentifier: { 'Fn::GetAtt': [stack.getLogicalId(gateway.node.defaultChild as agentcore.CfnGateway), 'GatewayIdentifier'] },
      Name: 'Orders',
      Description: 'Order tools',
      CredentialProviderConfigurations: [{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }],
      TargetConfiguration: {
        Mcp: {
          Lambda: {
            LambdaArn: FN_ARN,
            ToolSchema: {
              InlinePayload: ['get_order', 'cancel_order'].map((name) => ({
                Name: name,
                Description: `The ${name} tool`,
                InputSchema: { Type: 'object', Properties: { id: { Type: 'string', Description: 'An id' } }, Required: ['id'] },
              })),
            },
          },
        },
      },
    });
    expect(statements).toEqual([{ Sid: 'InvokeLambdaTarget', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN_ARN }]);
    expect(dependsOn).toEqual([policyId]);
    const policy = Template.fromStack(stack).toJSON().Resources[policyId!];
    expect(policy.Properties.Roles).toEqual([{ Ref: stack.getLogicalId(gateway.role.node.defaultChild as iam.CfnRole) }]);
    expect(target.targetType).toBe(agentcore.McpTargetType.LAMBDA);
    expect(target.toolNames).toEqual(['get_order', 'cancel_order']);
    expect(stack.resolve(target.targetId)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(target.node.defaultChild as agentcore.CfnGatewayTarget), 'TargetId'] });
    expect(gateway.targets).toEqual([target]);
  });

  test('a function of the same stack is granted by its ARN only (no version wildcard)', () => {
    const { stack, gateway } = setup();
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const target = gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: tools('get_order') });
    const { statements } = targetOf(stack, target);
    expect(statements).toEqual([{
      Sid: 'InvokeLambdaTarget',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction), 'Arn'] },
    }]);
  });

  test('an S3 tool schema: s3:GetObject on exactly the schema object', () => {
    const { stack, gateway, fn } = setup();
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'schemas-bucket');
    const target = gateway.addLambdaTarget('Orders', {
      lambdaFunction: fn, toolSchema: agentcore.ToolSchema.fromS3File(bucket, 'tools/orders.json', ACCOUNT),
    });
    const { props, statements, dependsOn, policyId } = targetOf(stack, target);
    expect(props.TargetConfiguration.Mcp.Lambda.ToolSchema).toEqual({ S3: { Uri: 's3://schemas-bucket/tools/orders.json', BucketOwnerAccountId: ACCOUNT } });
    expect(statements).toEqual([
      { Sid: 'ReadSchema', Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', PARTITION, ':s3:::schemas-bucket/tools/orders.json']] } },
      { Sid: 'InvokeLambdaTarget', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN_ARN },
    ]);
    expect(dependsOn).toEqual([policyId]);
    expect(target.toolNames).toEqual([]);
  });

  test('an asset tool schema: s3:GetObject on exactly the asset object', () => {
    const { stack, gateway, fn } = setup();
    const target = gateway.addLambdaTarget('Orders', {
      lambdaFunction: fn, toolSchema: agentcore.ToolSchema.fromLocalAsset(path.join(__dirname, 'fixtures', 'tools.json')),
    });
    const { props, statements } = targetOf(stack, target);
    const uri: string = props.TargetConfiguration.Mcp.Lambda.ToolSchema.S3.Uri;
    expect(uri).toMatch(/^s3:\/\/cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}\.json$/);
    expect(statements[0]).toEqual({
      Sid: 'ReadSchema',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', ['arn:', PARTITION, `:s3:::${uri.slice('s3://'.length)}`]] },
    });
  });

  test('the target name defaults to the construct id, sanitized', () => {
    const { stack, gateway, fn } = setup();
    const target = gateway.addLambdaTarget('order_tools.v2', { lambdaFunction: fn, toolSchema: tools('a') });
    expect(target.gatewayTargetName).toBe('order-tools-v2');
    expect(targetOf(stack, target).props.Name).toBe('order-tools-v2');
  });

  test('a gatewayTargetName is used as given', () => {
    const { stack, gateway, fn } = setup();
    const target = gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: tools('a'), gatewayTargetName: 'orders-v2' });
    expect(targetOf(stack, target).props.Name).toBe('orders-v2');
  });

  test('each target gets its own policy with only its own function', () => {
    const { stack, gateway, fn } = setup();
    const other = lambda.Function.fromFunctionArn(stack, 'Other', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing`);
    const a = gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: tools('get_order') });
    const b = gateway.addLambdaTarget('Billing', { lambdaFunction: other, toolSchema: tools('get_invoice') });
    expect(targetOf(stack, a).statements.map((s) => s.Resource)).toEqual([FN_ARN]);
    expect(targetOf(stack, b).statements.map((s) => s.Resource)).toEqual([other.functionArn]);
    expect(targetOf(stack, a).dependsOn).toEqual([targetOf(stack, a).policyId]);
    expect(targetOf(stack, b).dependsOn).toEqual([targetOf(stack, b).policyId]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 2);
  });

  test('targets are created at most five at a time', () => {
    const { stack, gateway, fn } = setup();
    const targets = Array.from({ length: 7 }, (_, i) => gateway.addLambdaTarget(`T${i}`, { lambdaFunction: fn, toolSchema: tools(`tool_${i}`) }));
    const ids = targets.map((t) => stack.getLogicalId(t.node.defaultChild as agentcore.CfnGatewayTarget));
    const deps = targets.map((t) => targetOf(stack, t).dependsOn);
    for (let i = 0; i < 5; i++) expect(deps[i]).toEqual([targetOf(stack, targets[i]).policyId]);
    expect(deps[5]).toEqual(expect.arrayContaining([ids[0]]));
    expect(deps[6]).toEqual(expect.arrayContaining([ids[1]]));
    expect(deps[6]).not.toContain(ids[0]);
  });

  test('addToRolePolicy adds to the target policy, which the target waits for', () => {
    const { stack, gateway } = setup();
    const target = gateway.addSmithyTarget('Dynamo', {
      smithyModel: agentcore.ApiSchema.fromInline(JSON.stringify({ smithy: '2.0', shapes: {} })),
    });
    expect(target.gatewayRolePolicy).toBeUndefined();
    target.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`] }));
    const { statements, dependsOn, policyId } = targetOf(stack, target);
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders` }]);
    expect(dependsOn).toEqual([policyId]);
  });
});

describe('OpenAPI targets and credential providers', () => {
  test('API key: GetResourceApiKey, workload tokens and the secret, on exactly those ARNs', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    const { props, statements, dependsOn, policyId } = targetOf(stack, target);
    expect(props.TargetConfiguration).toEqual({ Mcp: { OpenApiSchema: { InlinePayload: openApi('getForecast') } } });
    expect(props.CredentialProviderConfigurations).toEqual([{
      CredentialProviderType: 'API_KEY',
      CredentialProvider: {
        ApiKeyCredentialProvider: { ProviderArn: API_KEY_ARN, CredentialLocation: 'HEADER', CredentialParameterName: 'Authorization', CredentialPrefix: 'Bearer ' },
      },
    }]);
    expect(statements).toEqual([
      {
        Sid: 'WorkloadAccessToken',
        Effect: 'Allow',
        Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
        Resource: [DIRECTORY, identity('tools')],
      },
      {
        Sid: 'ReadApiKey',
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetResourceApiKey',
        Resource: [`arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:token-vault/default`, API_KEY_ARN, DIRECTORY, identity('tools')],
      },
      { Sid: 'ReadProviderSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN },
    ]);
    expect(dependsOn).toEqual([policyId]);
    expect(target.toolNames).toEqual(['getForecast']);
  });

  test('a gateway name with capitals: workload identities under the name as given and lower-cased', () => {
    const stack = testStack();
    const gateway = new Gateway(stack, 'Tools', { gatewayName: 'Support-Tools' });
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    expect(targetOf(stack, target).statements[0].Resource).toEqual([DIRECTORY, identity('Support-Tools'), identity('support-tools')]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('API key in a query parameter', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({
        providerArn: API_KEY_ARN,
        secretArn: SECRET_ARN,
        credentialLocation: agentcore.ApiKeyCredentialLocation.queryParameter({ credentialParameterName: 'key' }),
      }),
    });
    expect(targetOf(stack, target).props.CredentialProviderConfigurations[0].CredentialProvider.ApiKeyCredentialProvider)
      .toEqual({ ProviderArn: API_KEY_ARN, CredentialLocation: 'QUERY_PARAMETER', CredentialParameterName: 'key' });
  });

  test('OAuth client credentials: GetResourceOauth2Token, workload tokens and the secret', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('GitHub', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('listIssues')),
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['repo'], customParameters: { audience: 'api' } }),
    });
    const { props, statements } = targetOf(stack, target);
    expect(props.CredentialProviderConfigurations).toEqual([{
      CredentialProviderType: 'OAUTH',
      CredentialProvider: { OauthCredentialProvider: { ProviderArn: OAUTH_ARN, Scopes: ['repo'], CustomParameters: { audience: 'api' } } },
    }]);
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual([
      ['WorkloadAccessToken', ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT']],
      ['ReadOAuth2Token', 'bedrock-agentcore:GetResourceOauth2Token'],
      ['ReadProviderSecret', 'secretsmanager:GetSecretValue'],
    ]);
    expect(statements[1].Resource).toEqual([`arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:token-vault/default`, OAUTH_ARN, DIRECTORY, identity('tools')]);
  });

  test('defaultReturnUrl without the authorization-code grant fails (it would be ignored)', () => {
    const { gateway } = setup();
    expect(() => gateway.addOpenApiTarget('GitHub', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('listIssues')),
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['repo'], defaultReturnUrl: 'https://app.example.com/done' }),
    })).toThrow(/defaultReturnUrl 'https:\/\/app.example.com\/done' applies only to grantType AUTHORIZATION_CODE/);
  });

  test('OAuth authorization code adds CompleteResourceTokenAuth and the user-id token', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('GitHub', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('listIssues')),
      credentialProvider: TargetCredentialProvider.oauth({
        providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['repo'], grantType: OAuthGrantType.AUTHORIZATION_CODE, defaultReturnUrl: 'https://app.example.com/done',
      }),
    });
    const { props, statements } = targetOf(stack, target);
    expect(props.CredentialProviderConfigurations[0].CredentialProvider.OauthCredentialProvider)
      .toEqual({ ProviderArn: OAUTH_ARN, Scopes: ['repo'], GrantType: 'AUTHORIZATION_CODE', DefaultReturnUrl: 'https://app.example.com/done' });
    expect(statements[0].Action).toEqual([
      'bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT', 'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
    ]);
    expect(statements[1].Action).toEqual(['bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:CompleteResourceTokenAuth']);
  });

  test('a YAML inline OpenAPI schema is accepted', () => {
    const { stack, gateway } = setup();
    const yaml = 'openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths:\n  /a:\n    get:\n      operationId: getA\n';
    const target = gateway.addOpenApiTarget('Yaml', {
      apiSchema: agentcore.ApiSchema.fromInline(yaml),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    expect(targetOf(stack, target).props.TargetConfiguration.Mcp.OpenApiSchema.InlinePayload).toBe(yaml);
  });

  test("aws-cdk-lib's credential providers work too, applied before the target", () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: agentcore.GatewayCredentialProvider.fromApiKeyIdentityArn({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    const t = Template.fromStack(stack);
    const { dependsOn, props } = targetOf(stack, target);
    expect(props.CredentialProviderConfigurations[0].CredentialProviderType).toBe('API_KEY');
    const defaultPolicy = Object.keys(t.findResources('AWS::IAM::Policy', { Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'bedrock-agentcore:GetResourceApiKey' })]) } } }));
    expect(defaultPolicy).toHaveLength(1);
    expect(dependsOn).toEqual(defaultPolicy);
  });

  test('SigV4 with the gateway role renders the IAM credential provider', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('Internal', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getThing')),
      credentialProvider: TargetCredentialProvider.gatewayIamRole({ service: 'execute-api', region: 'us-east-1' }),
    });
    const { props, statements } = targetOf(stack, target);
    expect(props.CredentialProviderConfigurations).toEqual([{
      CredentialProviderType: 'GATEWAY_IAM_ROLE',
      CredentialProvider: { IamCredentialProvider: { Service: 'execute-api', Region: 'us-east-1' } },
    }]);
    expect(statements).toEqual([]);
  });
});

describe('Smithy and MCP server targets', () => {
  test('Smithy: the model inline, the gateway IAM role, and no permissions of its own', () => {
    const { stack, gateway } = setup();
    const model = JSON.stringify({ smithy: '2.0', shapes: { 'example#Service': { type: 'service' } } });
    const target = gateway.addSmithyTarget('Dynamo', { smithyModel: agentcore.ApiSchema.fromInline(model) });
    const { props, dependsOn } = targetOf(stack, target);
    expect(props.TargetConfiguration).toEqual({ Mcp: { SmithyModel: { InlinePayload: model } } });
    expect(props.CredentialProviderConfigurations).toEqual([{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }]);
    expect(dependsOn).toEqual([]);
    expect(target.targetType).toBe(agentcore.McpTargetType.SMITHY_MODEL);
  });

  test('Smithy model in S3: s3:GetObject on exactly the object', () => {
    const { stack, gateway } = setup();
    const target = gateway.addSmithyTarget('Dynamo', {
      smithyModel: agentcore.ApiSchema.fromS3File(s3.Bucket.fromBucketName(stack, 'B', 'models'), 'dynamodb.json'),
    });
    expect(targetOf(stack, target).statements).toEqual([
      { Sid: 'ReadSchema', Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', PARTITION, ':s3:::models/dynamodb.json']] } },
    ]);
  });

  test('Smithy IDL text is passed through', () => {
    const { stack, gateway } = setup();
    const idl = '$version: "2"\nnamespace example\nservice Weather {}\n';
    const target = gateway.addSmithyTarget('Idl', { smithyModel: agentcore.ApiSchema.fromInline(idl) });
    expect(targetOf(stack, target).props.TargetConfiguration.Mcp.SmithyModel.InlinePayload).toBe(idl);
  });

  test('MCP server with OAuth', () => {
    const { stack, gateway } = setup();
    const target = gateway.addMcpServerTarget('Docs', {
      endpoint: 'https://mcp.example.com/mcp',
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: [] }),
    });
    const { props, statements, dependsOn, policyId } = targetOf(stack, target);
    expect(props.TargetConfiguration).toEqual({ Mcp: { McpServer: { Endpoint: 'https://mcp.example.com/mcp' } } });
    expect(props.CredentialProviderConfigurations[0].CredentialProviderType).toBe('OAUTH');
    expect(statements.map((s) => s.Sid)).toEqual(['WorkloadAccessToken', 'ReadOAuth2Token', 'ReadProviderSecret']);
    expect(dependsOn).toEqual([policyId]);
  });

  test('OAuth with empty customParameters omits them (the API and the GatewayTarget schema need at least one entry)', () => {
    const { stack, gateway } = setup();
    const target = gateway.addMcpServerTarget('Docs', {
      endpoint: 'https://mcp.example.com/mcp',
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['read'], customParameters: {} }),
    });
    expect(targetOf(stack, target).props.CredentialProviderConfigurations[0].CredentialProvider)
      .toEqual({ OauthCredentialProvider: { ProviderArn: OAUTH_ARN, Scopes: ['read'] } });
  });

  test('MCP server without outbound authentication has no credentials and no policy', () => {
    const { stack, gateway } = setup();
    const target = gateway.addMcpServerTarget('Public', { endpoint: 'https://public.example.com/mcp' });
    const { props, dependsOn } = targetOf(stack, target);
    expect(props.CredentialProviderConfigurations).toBeUndefined();
    expect(dependsOn).toEqual([]);
    expect(target.credentialProviderConfigurations).toBeUndefined();
  });
});

describe('Target validation', () => {
  const apiKey = (): TargetCredentialProvider => TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN });
  const cases: Array<[string, (g: Gateway, fn: lambda.IFunction) => void, RegExp]> = [
    ['an invalid target name', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('a'), gatewayTargetName: 'bad_name' }),
      /Invalid Lambda target 'T' at 'TestStack\/Tools':\n {2}- gatewayTargetName 'bad_name' must match/],
    ['a target name used twice', (g, fn) => {
      g.addLambdaTarget('A', { lambdaFunction: fn, toolSchema: tools('a'), gatewayTargetName: 'same' });
      g.addLambdaTarget('B', { lambdaFunction: fn, toolSchema: tools('b'), gatewayTargetName: 'same' });
    }, /gatewayTargetName 'same' is already used by another target of this gateway/],
    ['a description longer than 200', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('a'), description: 'x'.repeat(201) }),
      /description 'x{64}…\(89 characters\)…x{48}' must be 1-200 characters long/],
    ['a tool name with a space', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('get order') }),
      /toolSchema\[0\]\.name 'get order' must match/],
    ['a tool name longer than 64', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('t'.repeat(65)) }),
      /toolSchema\[0\]\.name 't{65}' must match/],
    ['a tool without a description', (g, fn) => g.addLambdaTarget('T', {
      lambdaFunction: fn,
      toolSchema: agentcore.ToolSchema.fromInline([{ name: 'a', description: ' ', inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT } }]),
    }), /toolSchema\[0\]\.description ' ' must be a non-empty string/],
    ['a tool whose input is not an object', (g, fn) => g.addLambdaTarget('T', {
      lambdaFunction: fn,
      toolSchema: agentcore.ToolSchema.fromInline([{ name: 'a', description: 'd', inputSchema: { type: agentcore.SchemaDefinitionType.STRING } }]),
    }), /toolSchema\[0\]\.inputSchema\.type 'string' must be 'object'/],
    ['a required argument that is not a property', (g, fn) => g.addLambdaTarget('T', {
      lambdaFunction: fn,
      toolSchema: agentcore.ToolSchema.fromInline([{
        name: 'a',
        description: 'd',
        inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT, properties: { id: { type: agentcore.SchemaDefinitionType.STRING } }, required: ['orderId'] },
      }]),
    }), /toolSchema\[0\]\.inputSchema\.required 'orderId' names a property that is not defined in properties/],
    ['a nested property of an unknown type', (g, fn) => g.addLambdaTarget('T', {
      lambdaFunction: fn,
      toolSchema: agentcore.ToolSchema.fromInline([{
        name: 'a',
        description: 'd',
        inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT, properties: { ids: { type: agentcore.SchemaDefinitionType.ARRAY, items: { type: agentcore.SchemaDefinitionType.of('uuid') } } } },
      }]),
    }), /toolSchema\[0\]\.inputSchema\.properties\.ids\.items\.type 'uuid' must be one of string, number, object, array, boolean, integer/],
    ['an empty tool schema', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: agentcore.ToolSchema.fromInline([]) }),
      /toolSchema '\[\]' must define at least one tool/],
    ['a tool defined twice in one target', (g, fn) => g.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('a', 'a') }),
      /toolSchema\[1\]\.name 'a' is defined twice in this tool schema/],
    ['a tool name used by another target', (g, fn) => {
      g.addLambdaTarget('A', { lambdaFunction: fn, toolSchema: tools('get_order') });
      g.addLambdaTarget('B', { lambdaFunction: fn, toolSchema: tools('get_order') });
    }, /tool name 'get_order' is already defined by target 'A' of this gateway/],
    ['an operationId that clashes with a Lambda tool', (g, fn) => {
      g.addLambdaTarget('A', { lambdaFunction: fn, toolSchema: tools('getForecast') });
      g.addOpenApiTarget('B', { apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')), credentialProvider: apiKey() });
    }, /tool name 'getForecast' is already defined by target 'A'/],
    ['an OpenAPI schema that is neither JSON nor OpenAPI YAML', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline('swagger: "2.0"\npaths: {}'), credentialProvider: apiKey(),
    }), /apiSchema 'swagger: "2\.0".*' must be an OpenAPI 3\.x document in JSON, or YAML/s],
    ['a Swagger 2 JSON schema', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(JSON.stringify({ swagger: '2.0', paths: { '/a': { get: { operationId: 'a' } } } })), credentialProvider: apiKey(),
    }), /apiSchema\.openapi undefined must be an OpenAPI 3\.x version string/],
    ['an OpenAPI schema without paths', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(JSON.stringify({ openapi: '3.0.0', paths: {} })), credentialProvider: apiKey(),
    }), /apiSchema\.paths '\{\}' must be an object with at least one path/],
    ['an operation without operationId', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(JSON.stringify({ openapi: '3.1.0', paths: { '/a': { get: {} } } })), credentialProvider: apiKey(),
    }), /apiSchema\.paths\['\/a'\]\.get\.operationId undefined must be set/],
    ['an OpenAPI schema that is a JSON array', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline('[]'), credentialProvider: apiKey(),
    }), /apiSchema '\[\]' must be a JSON object \(an OpenAPI 3\.x document\)/],
    ['two operations with the same operationId', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(JSON.stringify({ openapi: '3.0.0', paths: { '/a': { get: { operationId: 'op' } }, '/b': { post: { operationId: 'op' } } } })),
      credentialProvider: apiKey(),
    }), /apiSchema\.paths\['\/b'\]\.post\.operationId 'op' is used by two operations/],
    ['an empty Smithy model', (g) => g.addSmithyTarget('T', { smithyModel: agentcore.ApiSchema.fromInline('  ') }),
      /smithyModel ' {2}' must not be empty/],
    ['an OpenAPI target with the wrong kind of provider ARN', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('a')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN }),
    }), new RegExp(`credentialProvider\\.providerArn '${OAUTH_ARN}' must match arn:<partition>:bedrock-agentcore:<region>:<account>:token-vault/<vault>/apikeycredentialprovider/<name> \\(the ARN of an apikeycredentialprovider\\): 'o' at character 70 is not allowed there`)],
    ['a secret ARN that is not a secret', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('a')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: 'my-secret' }),
    }), /credentialProvider\.secretArn 'my-secret' must match a Secrets Manager secret ARN/],
    ['an OAuth scope longer than 64', (g) => g.addMcpServerTarget('T', {
      endpoint: 'https://mcp.example.com',
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['s'.repeat(65)] }),
    }), /credentialProvider\.scopes\[0\] 's{65}' must be 1-64 characters long/],
    ['more than 10 OAuth custom parameters', (g) => g.addMcpServerTarget('T', {
      endpoint: 'https://mcp.example.com',
      credentialProvider: TargetCredentialProvider.oauth({
        providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: [], customParameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
      }),
    }), /credentialProvider\.customParameters '11 entries' must have at most 10 entries/],
    ['a gateway IAM role without a signing service on an OpenAPI target', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('a')), credentialProvider: TargetCredentialProvider.gatewayIamRole(),
    }), /credentialProvider 'GATEWAY_IAM_ROLE' needs a 'service' to sign requests for \(SigV4\)/],
    ['an empty API key parameter name', (g) => g.addOpenApiTarget('T', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('a')),
      credentialProvider: TargetCredentialProvider.apiKey({
        providerArn: API_KEY_ARN, secretArn: SECRET_ARN, credentialLocation: agentcore.ApiKeyCredentialLocation.header({ credentialParameterName: '' }),
      }),
    }), /credentialProvider\.credentialLocation\.credentialParameterName '' must be 1-64 characters long/],
    ['more than 100 OAuth scopes', (g) => g.addMcpServerTarget('T', {
      endpoint: 'https://mcp.example.com',
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }),
    }), /credentialProvider\.scopes '101 scopes' must have at most 100 scopes/],
    ['an MCP server endpoint that does not parse', (g) => g.addMcpServerTarget('T', { endpoint: 'https://[not-an-ip' }),
      /endpoint 'https:\/\/\[not-an-ip' must be an https:\/\/ URL/],
    ['an http MCP server endpoint', (g) => g.addMcpServerTarget('T', { endpoint: 'http://mcp.example.com/mcp' }),
      /endpoint 'http:\/\/mcp\.example\.com\/mcp' must be an https:\/\/ URL/],
    ['an MCP server endpoint that is not a URL', (g) => g.addMcpServerTarget('T', { endpoint: 'https://' }),
      /endpoint 'https:\/\/' must be an https:\/\/ URL/],
    ['a Smithy JSON model without shapes', (g) => g.addSmithyTarget('T', { smithyModel: agentcore.ApiSchema.fromInline('{"smithy":"2.0"}') }),
      /smithyModel '\{"smithy":"2\.0"\}' must be a Smithy JSON AST/],
  ];
  test.each(cases)('rejects %s', (_name, build, message) => {
    const { gateway, fn } = setup();
    expect(() => build(gateway, fn)).toThrow(message);
  });

  test('a rejected target leaves nothing behind', () => {
    const { stack, gateway, fn } = setup();
    expect(() => gateway.addLambdaTarget('T', { lambdaFunction: fn, toolSchema: tools('bad name') })).toThrow();
    expect(gateway.targets).toEqual([]);
    expect(gateway.node.tryFindChild('T')).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::BedrockAgentCore::GatewayTarget', 0);
  });

  test('token values are not validated', () => {
    const { gateway } = setup();
    const param = new CfnParameter(Stack.of(gateway), 'Endpoint');
    expect(() => gateway.addMcpServerTarget('U', { endpoint: param.valueAsString })).not.toThrow();
  });
});

describe('Gateway roles and aws-cdk-lib interoperability', () => {
  test('an immutable imported role is left alone: no policy, no dependency', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/GatewayRole`, { mutable: false });
    const gateway = new Gateway(stack, 'Tools', { role });
    const target = gateway.addLambdaTarget('Orders', { lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', FN_ARN), toolSchema: tools('get_order') });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    expect(targetOf(stack, target).dependsOn).toEqual([]);
  });

  test('a mutable imported role gets the target policy', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/GatewayRole`);
    const gateway = new Gateway(stack, 'Tools', { role });
    const target = gateway.addLambdaTarget('Orders', { lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', FN_ARN), toolSchema: tools('get_order') });
    const { policyId, dependsOn } = targetOf(stack, target);
    expect(Template.fromStack(stack).toJSON().Resources[policyId!].Properties.Roles).toEqual(['GatewayRole']);
    expect(dependsOn).toEqual([policyId]);
  });

  test("aws-cdk-lib's own GatewayTarget accepts our Gateway (it implements aws-cdk-lib's IGateway)", () => {
    const { stack, gateway, fn } = setup();
    new agentcore.GatewayTarget(stack, 'Native', {
      gateway,
      gatewayTargetName: 'native',
      targetConfiguration: agentcore.LambdaTargetConfiguration.create(fn, tools('native_tool')),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::GatewayTarget', {
      Name: 'native',
      GatewayIdentifier: { 'Fn::GetAtt': [stack.getLogicalId(gateway.node.defaultChild as agentcore.CfnGateway), 'GatewayIdentifier'] },
    });
  });
});

describe('TargetCredentialProvider with aws-cdk-lib targets', () => {
  test('grantNeededPermissionsToRole grants the same scoped statements on the gateway role', () => {
    const { stack, gateway } = setup();
    new agentcore.GatewayTarget(stack, 'Native', {
      gateway,
      gatewayTargetName: 'native',
      targetConfiguration: agentcore.OpenApiTargetConfiguration.create(agentcore.ApiSchema.fromInline(openApi('getForecast')), false),
      credentialProviderConfigurations: [TargetCredentialProvider.oauth({
        providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['read'], grantType: OAuthGrantType.of('CLIENT_CREDENTIALS'),
      })],
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(gateway.role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'bedrock-agentcore:GetResourceOauth2Token', Resource: Match.arrayWith([OAUTH_ARN]) }),
          Match.objectLike({ Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN }),
        ]),
      },
    });
    expect(TargetCredentialProvider.gatewayIamRole().grantNeededPermissionsToRole(gateway)).toBeUndefined();
  });

  test('a provider ARN given as a token falls back to the default token vault', () => {
    const { stack, gateway } = setup();
    const providerArn = new CfnParameter(stack, 'ProviderArn').valueAsString;
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn, secretArn: SECRET_ARN }),
    });
    expect(targetOf(stack, target).statements[1].Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', PARTITION, `:bedrock-agentcore:us-east-1:${ACCOUNT}:token-vault/default`]] },
      { Ref: 'ProviderArn' }, DIRECTORY, identity('tools'),
    ]);
  });
});

describe('Targets and cdk-nag', () => {
  test('AwsSolutions: no errors for every kind of target and credential provider', () => {
    const { stack, gateway, fn } = setup();
    gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: agentcore.ToolSchema.fromLocalAsset(path.join(__dirname, 'fixtures', 'tools.json')) });
    gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    gateway.addMcpServerTarget('Docs', {
      endpoint: 'https://mcp.example.com/mcp',
      credentialProvider: TargetCredentialProvider.oauth({ providerArn: OAUTH_ARN, secretArn: SECRET_ARN, scopes: ['read'] }),
    });
    gateway.addSmithyTarget('Dynamo', { smithyModel: agentcore.ApiSchema.fromInline(JSON.stringify({ smithy: '2.0', shapes: {} })) });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('the workload-identity wildcard is acknowledged by its exact finding id, not blanket', () => {
    const { stack, gateway } = setup();
    const target = gateway.addOpenApiTarget('Weather', {
      apiSchema: agentcore.ApiSchema.fromInline(openApi('getForecast')),
      credentialProvider: TargetCredentialProvider.apiKey({ providerArn: API_KEY_ARN, secretArn: SECRET_ARN }),
    });
    // A wildcard added later to the same policy is still reported.
    target.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }));
    expect(nagErrors(stack)).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::arn:aws:s3:::bucket\/\*\] at /)]);
  });
});

test('gatewayIamRole(): a region without a service fails (it would not be sent)', () => {
  expect(() => TargetCredentialProvider.gatewayIamRole({ region: 'eu-west-1' })).toThrow(/region 'eu-west-1' needs service/);
  expect(() => TargetCredentialProvider.gatewayIamRole({ service: 'execute-api', region: 'eu-west-1' })).not.toThrow();
});
