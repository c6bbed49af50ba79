import { CfnParameter, RemovalPolicy } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as kms from 'aws-cdk-lib/aws-kms';
import { namesFor, ruleErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/gateway';

describe('AgentCore-GW1 (gateway without inbound authorization)', () => {
  test('Noncompliance: AuthorizerType NONE', () => {
    const stack = testStack();
    new agentcore.CfnGateway(stack, 'Gateway', { name: 'gw', authorizerType: 'NONE', protocolType: 'MCP', roleArn: ROLE_ARN });
    expect(namesFor(stack, 'GW1')).toEqual(['AgentCore-GW1']);
  });

  test('Noncompliance: an escape-hatch override to NONE is seen', () => {
    const stack = testStack();
    const gateway = new agentcore.CfnGateway(stack, 'Gateway', { name: 'gw', authorizerType: 'AWS_IAM', protocolType: 'MCP', roleArn: ROLE_ARN });
    gateway.addPropertyOverride('AuthorizerType', 'NONE');
    expect(namesFor(stack, 'GW1')).toEqual(['AgentCore-GW1']);
  });

  test('Compliance: AWS_IAM and CUSTOM_JWT; a parameter is not applicable', () => {
    const stack = testStack();
    new agentcore.CfnGateway(stack, 'Iam', { name: 'gw1', authorizerType: 'AWS_IAM', protocolType: 'MCP', roleArn: ROLE_ARN });
    new agentcore.CfnGateway(stack, 'Jwt', {
      name: 'gw2',
      authorizerType: 'CUSTOM_JWT',
      protocolType: 'MCP',
      roleArn: ROLE_ARN,
      authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: 'https://example.com/.well-known/openid-configuration', allowedClients: ['c'] } },
    });
    const type = new CfnParameter(stack, 'AuthorizerType');
    new agentcore.CfnGateway(stack, 'Param', { name: 'gw3', authorizerType: type.valueAsString, protocolType: 'MCP', roleArn: ROLE_ARN });
    expect(namesFor(stack, 'GW1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });
});

describe('AgentCore-MEM1 (memory not retained) and AgentCore-MEM2 (no customer managed key)', () => {
  test('Noncompliance: L1 memory with defaults (Delete, no key)', () => {
    const stack = testStack();
    new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30 });
    expect(namesFor(stack, 'MEM1')).toEqual(['AgentCore-MEM1']);
    expect(namesFor(stack, 'MEM2')).toEqual(['AgentCore-MEM2']);
  });

  test('Noncompliance (MEM1): DeletionPolicy Retain but UpdateReplacePolicy Delete', () => {
    const stack = testStack();
    const memory = new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30, encryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' });
    memory.cfnOptions.deletionPolicy = 'Retain' as any;
    memory.cfnOptions.updateReplacePolicy = 'Delete' as any;
    expect(namesFor(stack, 'MEM1')).toEqual(['AgentCore-MEM1']);
    expect(namesFor(stack, 'MEM2')).toEqual([]);
  });

  test('Noncompliance: the aws-cdk-lib Memory L2 with its defaults', () => {
    const stack = testStack();
    new agentcore.Memory(stack, 'Memory', { memoryName: 'mem' });
    expect(namesFor(stack, 'MEM1')).toEqual(['AgentCore-MEM1']);
    expect(namesFor(stack, 'MEM2')).toEqual(['AgentCore-MEM2']);
    expect(namesFor(stack, 'ROLE1')).toEqual([]); // the L2 service role has SourceAccount + SourceArn
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance: retained memory encrypted with a KMS key (token ARN)', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const memory = new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30, encryptionKeyArn: key.keyArn });
    memory.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const other = new agentcore.CfnMemory(stack, 'Other', { name: 'mem2', eventExpiryDuration: 30, encryptionKeyArn: key.keyArn });
    other.cfnOptions.deletionPolicy = 'RetainExceptOnCreate' as any;
    other.cfnOptions.updateReplacePolicy = 'Retain' as any;
    expect(namesFor(stack, 'MEM1')).toEqual([]);
    expect(namesFor(stack, 'MEM2')).toEqual([]);
  });
});
