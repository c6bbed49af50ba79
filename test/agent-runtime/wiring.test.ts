import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AgentRuntime, AgentRuntimeArtifact, Gateway, InboundAuthorizer, Memory, MemoryAccess } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const DIGEST = `sha256:${'e'.repeat(64)}`;

function runtime(stack: Stack): AgentRuntime {
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, 'Agent', { runtimeName: 'agent', artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }) });
}

function runtimeResource(stack: Stack): any {
  return Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0];
}

/** The statements of the runtime's execution role (its inline policy). */
function roleStatements(stack: Stack): any[] {
  return Object.entries(Template.fromStack(stack).toJSON().Resources)
    .filter(([id, r]: any) => r.Type === 'AWS::IAM::Role' && id.startsWith('AgentExecutionRole'))
    .flatMap(([, r]: any) => r.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement));
}

const MEMORY_ARN = { 'Fn::GetAtt': [expect.stringMatching(/^Memory/), 'MemoryArn'] };

describe('runtime.addMemory', () => {
  test('injects AGENTCORE_MEMORY_ID, grants read/write by default, and creates the runtime after the memory', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    runtime(stack).addMemory(memory);
    const resource = runtimeResource(stack);
    expect(resource.Properties.EnvironmentVariables).toEqual({ AGENTCORE_MEMORY_ID: { 'Fn::GetAtt': [expect.stringMatching(/^Memory/), 'MemoryId'] } });
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Memory[0-9A-F]{8}$/)]));
    const memoryStatements = roleStatements(stack).filter((s) => JSON.stringify(s.Resource).includes('MemoryArn'));
    expect(memoryStatements).toEqual([{
      Effect: 'Allow',
      Action: [
        'bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:ListActors',
        'bedrock-agentcore:ListSessions', 'bedrock-agentcore:GetMemoryRecord', 'bedrock-agentcore:RetrieveMemoryRecords',
        'bedrock-agentcore:ListMemoryRecords', 'bedrock-agentcore:GetMemory',
      ],
      Resource: MEMORY_ARN,
    }]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('the access level and the variable name can be chosen', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    runtime(stack).addMemory(memory, { access: MemoryAccess.SHORT_TERM, environmentVariable: 'CHAT_MEMORY_ID' });
    expect(Object.keys(runtimeResource(stack).Properties.EnvironmentVariables)).toEqual(['CHAT_MEMORY_ID']);
    const actions = roleStatements(stack).filter((s) => JSON.stringify(s.Resource).includes('MemoryArn')).flatMap((s) => s.Action);
    expect(actions).not.toContain('bedrock-agentcore:RetrieveMemoryRecords');
    expect(actions).toContain('bedrock-agentcore:CreateEvent');
  });

  test('an imported memory is wired the same way', () => {
    const stack = testStack();
    const memory = Memory.fromMemoryArn(stack, 'Imported', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/chat_memory-AbCdEf1234');
    runtime(stack).addMemory(memory, { access: MemoryAccess.READ_ONLY });
    expect(runtimeResource(stack).Properties.EnvironmentVariables).toEqual({ AGENTCORE_MEMORY_ID: 'chat_memory-AbCdEf1234' });
  });

  test('two memories need distinct variables', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addMemory(new Memory(stack, 'A'));
    expect(() => agent.addMemory(new Memory(stack, 'B'))).toThrow(/key 'AGENTCORE_MEMORY_ID' is already set/);
  });
});

describe('runtime.addGateway', () => {
  function toolFunction(stack: Stack): lambda.IFunction {
    return lambda.Function.fromFunctionArn(stack, 'Tool', 'arn:aws:lambda:us-east-1:123456789012:function:orders');
  }

  test('injects AGENTCORE_GATEWAY_URL, grants InvokeGateway on exactly that gateway, and creates the runtime after it', () => {
    const stack = testStack();
    const gateway = new Gateway(stack, 'Gateway', { gatewayName: 'tools' });
    gateway.addLambdaTarget('Orders', {
      lambdaFunction: toolFunction(stack),
      toolSchema: agentcore.ToolSchema.fromInline([{
        name: 'get_order',
        description: 'Reads an order',
        inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT, properties: { id: { type: agentcore.SchemaDefinitionType.STRING } } },
      }]),
    });
    runtime(stack).addGateway(gateway);
    const resource = runtimeResource(stack);
    expect(resource.Properties.EnvironmentVariables).toEqual({ AGENTCORE_GATEWAY_URL: { 'Fn::GetAtt': [expect.stringMatching(/^Gateway/), 'GatewayUrl'] } });
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Gateway[0-9A-F]{8}$/), expect.stringMatching(/^GatewayOrders/)]));
    expect(roleStatements(stack).filter((s) => JSON.stringify(s).includes('Gateway'))).toEqual([{
      Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Gateway/), 'GatewayArn'] },
    }]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('a JWT gateway gets the URL but no IAM grant', () => {
    const stack = testStack();
    const gateway = new Gateway(stack, 'Gateway', {
      authorizerConfiguration: InboundAuthorizer.customJwt({ discoveryUrl: 'https://issuer.example.com/.well-known/openid-configuration', allowedClients: ['agent'] }),
    });
    const grant = runtime(stack).addGateway(gateway, { environmentVariable: 'TOOLS_URL' });
    expect(grant.principalStatements).toEqual([]);
    expect(Object.keys(runtimeResource(stack).Properties.EnvironmentVariables)).toEqual(['TOOLS_URL']);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('bedrock-agentcore:InvokeGateway');
  });

  test('a runtime wired to a memory and a gateway has exactly the documented variables', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addMemory(new Memory(stack, 'Memory'));
    agent.addGateway(new Gateway(stack, 'Gateway'));
    expect(Object.keys(runtimeResource(stack).Properties.EnvironmentVariables).sort()).toEqual(['AGENTCORE_GATEWAY_URL', 'AGENTCORE_MEMORY_ID']);
  });
});
