import { Annotations, Aws, CfnParameter, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations as Messages, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BedrockModel } from '../../lib/execution-role/bedrock-model';
import { Memory, MemoryStrategy } from '../../lib/memory';
import { toMemoryName } from '../../lib/memory/private/names';
import { AgentCoreChecks } from '../../lib/nag/agentcore-checks';
import { nagErrors, nagFindings } from '../helpers/nag';
import { ACCOUNT, PARTITION, testStack } from '../helpers/stack';
import { join, onlyResource } from '../helpers/template';

const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;

describe('Memory defaults', () => {
  test('renders a 90-day memory with a generated valid name and no role, key or strategies', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    const t = Template.fromStack(stack);
    const memory = onlyResource(t, 'AWS::BedrockAgentCore::Memory');
    expect(memory.Properties).toEqual({ Name: expect.stringMatching(NAME), EventExpiryDuration: 90 });
    expect(memory.Properties.Name).toMatch(/^TestStack_Memory_[0-9A-F]{8}$/);
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('is retained by default (memories hold user data)', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    Template.fromStack(stack).hasResource('AWS::BedrockAgentCore::Memory', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('removalPolicy DESTROY is honoured', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('AWS::BedrockAgentCore::Memory', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
  });

  test('exposes the L1 attributes', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { memoryName: 'support_memory' });
    expect(stack.resolve(memory.memoryArn)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'MemoryArn'] });
    expect(stack.resolve(memory.memoryId)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'MemoryId'] });
    expect(stack.resolve(memory.status)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'Status'] });
    expect(stack.resolve(memory.createdAt)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'CreatedAt'] });
    expect(stack.resolve(memory.updatedAt)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'UpdatedAt'] });
    expect(stack.resolve(memory.failureReason)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'FailureReason'] });
    expect(stack.resolve(memory.memoryRef.memoryArn)).toEqual({ 'Fn::GetAtt': ['Memory22710B9E', 'MemoryArn'] });
    expect(memory.memoryName).toBe('support_memory');
    expect(memory.expirationDuration.toDays()).toBe(90);
    expect(memory.executionRole).toBeUndefined();
    expect(memory.kmsKey).toBeUndefined();
    expect(memory.memoryStrategies).toEqual([]);
    expect(memory.node.defaultChild).toBeInstanceOf(agentcore.CfnMemory);
  });

  test('is an aws-cdk-lib IMemory (MemoryBase)', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    expect(memory).toBeInstanceOf(agentcore.MemoryBase);
  });

  test('matches the snapshot', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('Memory generated names', () => {
  test('are stable for the same construct path and unique across paths', () => {
    const a = new Memory(testStack(), 'Memory');
    const b = new Memory(testStack(), 'Memory');
    const stack = testStack();
    const c = new Memory(stack, 'Other');
    const name = (m: Memory) => Stack.of(m).resolve(m.memoryName);
    expect(name(a)).toBe(name(b));
    expect(name(a)).not.toBe(name(c));
  });

  test('are valid for ids with hyphens, dots and long paths', () => {
    const stack = testStack('my-stack-with-a-rather-long-name');
    const memory = new Memory(stack, 'agent.memory-for-the-customer-support-assistant-in-production');
    const name = stack.resolve(memory.memoryName);
    expect(name).toMatch(NAME);
    expect(name.length).toBeLessThanOrEqual(48);
  });

  test('use the stack name, not the stack id', () => {
    const stack = testStack('1st', { stackName: 'First' });
    const memory = new Memory(new Construct(stack, '2nd'), 'Memory');
    expect(stack.resolve(memory.memoryName)).toMatch(/^First_2nd_Memory_[0-9A-F]{8}$/);
  });

  test('toMemoryName makes any candidate valid and keeps the hash', () => {
    expect(toMemoryName('1st_Memory_ABCDEF12')).toBe('m1st_Memory_ABCDEF12');
    expect(toMemoryName('my-stack.Memory_ABCDEF12')).toBe('mystackMemory_ABCDEF12');
    const long = toMemoryName(`x${'a'.repeat(47)}_ABCDEF12`);
    expect(long).toMatch(NAME);
    expect(long.endsWith('_ABCDEF12')).toBe(true);
    expect(toMemoryName(`9${'a'.repeat(46)}`)).toMatch(NAME);
  });
});

describe('Memory props', () => {
  test('renders name, description, expiry and tags', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', {
      memoryName: 'support_memory',
      description: 'Conversations of the support agent',
      expirationDuration: Duration.days(30),
      tags: { 'team': 'support', 'cost-center': '42' },
    });
    expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties).toEqual({
      Name: 'support_memory',
      Description: 'Conversations of the support agent',
      EventExpiryDuration: 30,
      Tags: { 'team': 'support', 'cost-center': '42' },
    });
  });

  test('accepts the expiry limits 3 and 365 days, and whole days given in hours', () => {
    for (const [expiry, days] of [[Duration.days(3), 3], [Duration.days(365), 365], [Duration.hours(72), 3]] as const) {
      const stack = testStack();
      new Memory(stack, 'Memory', { expirationDuration: expiry });
      expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.EventExpiryDuration).toBe(days);
    }
  });

  test('passes a token expiry through', () => {
    const stack = testStack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    new Memory(stack, 'Memory', { expirationDuration: Duration.days(days.valueAsNumber) });
    expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.EventExpiryDuration).toEqual({ Ref: 'Days' });
  });

  test('Tags.of() and the tags prop both tag the memory', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { tags: { team: 'support' } });
    Tags.of(memory).add('env', 'prod');
    expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.Tags).toEqual({ team: 'support', env: 'prod' });
  });

  test('renders the customer managed key and grants nothing else without strategies', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const memory = new Memory(stack, 'Memory', { kmsKey: key });
    const t = Template.fromStack(stack);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').Properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] });
    expect(memory.kmsKey).toBe(key);
    t.resourceCountIs('AWS::IAM::Role', 0);
    // the key policy is left as it is: AgentCore uses the key with its callers' credentials, through the service
    expect(t.findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy.Statement).toHaveLength(1);
  });

  test('uses a given execution role even when no strategy needs one', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/memory-role`);
    const memory = new Memory(stack, 'Memory', { executionRole: role });
    expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.MemoryExecutionRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/memory-role`);
    expect(memory.executionRole).toBe(role);
    expect(memory.grantPrincipal).toBe(role);
  });

  test('has an unknown grant principal when it has no execution role', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    expect(memory.grantPrincipal).toBeInstanceOf(iam.UnknownPrincipal);
  });
});

describe('Memory replacement warning', () => {
  const WARNING = 'cdk-agentcore:memory-replacement';
  const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const OTHER_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/9999abcd-12ab-34cd-56ef-1234567890ab`;
  const warnings = (stack: Stack) => Messages.fromStack(stack).findWarning('*', Match.anyValue());
  const replacement = (stack: Stack) => warnings(stack).filter((w) => String(w.entry.data).includes(`[ack: ${WARNING}]`));

  test('a default memory, and a default app, synthesize without any warning', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    new Memory(stack, 'Encrypted', { kmsKey: new kms.Key(stack, 'Key'), memoryStrategies: [MemoryStrategy.semantic()] });
    expect(warnings(stack)).toEqual([]);
  });

  test('a recorded memory that the code keeps: no warning (literal name and key)', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', {
      memoryName: 'support_memory',
      kmsKey: kms.Key.fromKeyArn(stack, 'Key', KEY),
      deployed: { memoryId: 'support_memory-a1B2c3D4e5', kmsKeyArn: KEY },
    });
    expect(warnings(stack)).toEqual([]);
    expect(Messages.fromStack(stack).findInfo('*', Match.anyValue())).toEqual([]);
  });

  test('a recorded memory with a generated name that the code keeps: no warning', () => {
    const first = testStack();
    const generated = first.resolve(new Memory(first, 'Memory').memoryName);
    const stack = testStack();
    new Memory(stack, 'Memory', { deployed: { memoryId: `${generated}-a1B2c3D4e5` } });
    expect(warnings(stack)).toEqual([]);
  });

  test('a changed memoryName warns, with both names and the fate of the old memory', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { memoryName: 'support_memory_v2', deployed: { memoryId: 'support_memory-a1B2c3D4e5' } });
    Messages.fromStack(stack).hasWarning('/TestStack/Memory', Match.stringLikeRegexp(
      "This deployment replaces the AgentCore memory 'support_memory-a1B2c3D4e5' recorded in deployed: memoryName 'support_memory' -> 'support_memory_v2'\\. "
      + 'CloudFormation creates a new, empty memory.*the old memory is retained, as removalPolicy is RETAIN'));
    expect(replacement(stack)).toHaveLength(1);
  });

  test('a moved construct changes the generated name: the warning says so', () => {
    const stack = testStack();
    new Memory(new Construct(stack, 'Agents'), 'Memory', { deployed: { memoryId: 'TestStack_Memory_0A1B2C3D-a1B2c3D4e5' } });
    Messages.fromStack(stack).hasWarning('/TestStack/Agents/Memory', Match.stringLikeRegexp(
      "memoryName 'TestStack_Memory_0A1B2C3D' -> 'TestStack_Agents_Memory_[0-9A-F]{8}' \\(generated from the construct path, which changed: the construct was moved or renamed; move it back to keep the memory\\)"));
  });

  test.each([
    ['a key added', undefined, (s: Stack) => kms.Key.fromKeyArn(s, 'Key', KEY), `kmsKey none \\(an AWS owned key\\) -> '${KEY}'`],
    ['a key removed', KEY, () => undefined, `kmsKey '${KEY}' -> none \\(an AWS owned key\\)`],
    ['a key changed', KEY, (s: Stack) => kms.Key.fromKeyArn(s, 'Key', OTHER_KEY), `kmsKey '${KEY}' -> '${OTHER_KEY}'`],
    ['a key created in the stack added', undefined, (s: Stack) => new kms.Key(s, 'Key'), 'kmsKey none \\(an AWS owned key\\) -> a customer managed key'],
  ])('%s warns', (_name, recordedKey, key, change) => {
    const stack = testStack();
    new Memory(stack, 'Memory', { memoryName: 'm', kmsKey: key(stack), deployed: { memoryId: 'm-a1B2c3D4e5', kmsKeyArn: recordedKey } });
    Messages.fromStack(stack).hasWarning('/TestStack/Memory', Match.stringLikeRegexp(`recorded in deployed: ${change}\\. `));
  });

  test('a key known only at deploy time is not compared with a recorded key: an info says so, no warning', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { memoryName: 'm', kmsKey: new kms.Key(stack, 'Key'), deployed: { memoryId: 'm-a1B2c3D4e5', kmsKeyArn: KEY } });
    expect(warnings(stack)).toEqual([]);
    Messages.fromStack(stack).hasInfo('/TestStack/Memory', Match.stringLikeRegexp('the kmsKey of this memory is known only at deploy time'));
  });

  test('says the data is deleted when removalPolicy is DESTROY', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { memoryName: 'b', removalPolicy: RemovalPolicy.DESTROY, deployed: { memoryId: 'a-a1B2c3D4e5' } });
    Messages.fromStack(stack).hasWarning('/TestStack/Memory', Match.stringLikeRegexp('the old memory is deleted, with its data'));
  });

  test('says the memory is retained with RETAIN_ON_UPDATE_OR_DELETE', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { memoryName: 'b', removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, deployed: { memoryId: 'a-a1B2c3D4e5' } });
    Messages.fromStack(stack).hasWarning('/TestStack/Memory', Match.stringLikeRegexp('retained, as removalPolicy is RETAIN_ON_UPDATE_OR_DELETE'));
    Template.fromStack(stack).hasResource('AWS::BedrockAgentCore::Memory', { DeletionPolicy: 'RetainExceptOnCreate' });
  });

  test('can be acknowledged', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { memoryName: 'b', deployed: { memoryId: 'a-a1B2c3D4e5' } });
    Annotations.of(memory).acknowledgeWarning(WARNING, 'moving to a new memory on purpose');
    Messages.fromStack(stack).hasNoWarning('/TestStack/Memory', Match.anyValue());
  });

  test('the record must be literal and well-formed', () => {
    const stack = testStack();
    const param = new CfnParameter(stack, 'Id').valueAsString;
    expect(() => new Memory(stack, 'A', { deployed: { memoryId: param } })).toThrow(/deployed.memoryId '\$\{Token\[.*\]\}' must be a literal/);
    expect(() => new Memory(stack, 'B', { deployed: { memoryId: 'support_memory' } }))
      .toThrow(/deployed.memoryId 'support_memory' must be a memory id \(the name, a hyphen and 10 letters or digits/);
    expect(() => new Memory(stack, 'C', { deployed: { memoryId: 'm-a1B2c3D4e5', kmsKeyArn: param } })).toThrow(/deployed.kmsKeyArn '.*' must be a literal/);
  });
});

describe('Memory validation', () => {
  const make = (props: any) => () => new Memory(testStack(), 'Memory', props);

  test.each([
    ['1memory', /memoryName '1memory' must match \[a-zA-Z\]\[a-zA-Z0-9_\]\{0,47\}/],
    ['my-memory', /memoryName 'my-memory' must match/],
    ['a'.repeat(49), /memoryName 'a{49}' must match/],
  ])('rejects memoryName %s', (memoryName, error) => {
    expect(make({ memoryName })).toThrow(error);
  });

  test('accepts a 48-character name', () => {
    expect(make({ memoryName: `m${'a'.repeat(47)}` })).not.toThrow();
  });

  test('rejects an empty and a too long description', () => {
    expect(make({ description: '' })).toThrow(/description '' must be 1-4096 characters long \(it is 0\)/);
    expect(make({ description: 'd'.repeat(4097) })).toThrow(/description 'd+…\(\d+ characters\)…d+' must be 1-4096 characters long \(it is 4097\)/);
    expect(make({ description: 'd'.repeat(4096) })).not.toThrow();
  });

  test('rejects expiries outside 3-365 days', () => {
    expect(make({ expirationDuration: Duration.days(2) })).toThrow(/expirationDuration 2 must be between 3 days and 365 days/);
    expect(make({ expirationDuration: Duration.days(366) })).toThrow(/expirationDuration 366 must be between 3 days and 365 days/);
  });

  test('rejects an expiry that is not whole days', () => {
    expect(make({ expirationDuration: Duration.hours(100) })).toThrow(/expirationDuration 'Duration.hours\(100\)' must be a whole number of days \(it is 4.1\d* days\)/);
  });

  test('rejects the SNAPSHOT removal policy', () => {
    expect(make({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/removalPolicy 'SNAPSHOT' is not supported by AWS::BedrockAgentCore::Memory/);
  });

  test('rejects reserved and oversized tags', () => {
    expect(make({ tags: { 'aws:owner': 'x' } })).toThrow(/tags key 'aws:owner' must not start with 'aws:'/);
    expect(make({ tags: { ['k'.repeat(129)]: 'x' } })).toThrow(/tags key 'k{129}' must be 1-128 characters long/);
    expect(make({ tags: { team: 'v'.repeat(257) } })).toThrow(/tags\['team'\] 'v+…\(\d+ characters\)…v+' must be 0-256 characters long/);
  });

  test('rejects tag keys and values with characters the API refuses, pointing at the character', () => {
    expect(make({ tags: { 'team#1': 'x' } })).toThrow(/tags key 'team#1' must match \/\[a-zA-Z0-9\\s\._:\/=\+@-\]\*\/ .*: '#' at character 5 is not allowed there/);
    expect(make({ tags: { team: 'a&b' } })).toThrow(/tags\['team'\] 'a&b' must match .*: '&' at character 2 is not allowed there/);
  });

  test('rejects more than 50 tags and accepts 50', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(make({ tags: tags(51) })).toThrow(/tags has 51 entries; at most 50 are allowed$/m);
    expect(make({ tags: tags(50) })).not.toThrow();
  });

  test('reports every problem at once, with the construct path', () => {
    expect(make({ memoryName: 'bad-name', description: '', expirationDuration: Duration.days(1) }))
      .toThrow(/Invalid Memory 'Memory' props at 'TestStack\/Memory':\n {2}- memoryName 'bad-name'.*\n {2}- description ''.*\n {2}- expirationDuration 1/);
  });

  test('skips tokens', () => {
    const stack = testStack();
    const name = new CfnParameter(stack, 'Name');
    expect(() => new Memory(stack, 'Memory', { memoryName: name.valueAsString, description: Aws.STACK_NAME })).not.toThrow();
    expect(onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.Name).toEqual({ Ref: 'Name' });
  });
});

describe('Memory.fromMemoryArn / fromMemoryAttributes', () => {
  const ARN = `arn:aws:bedrock-agentcore:eu-west-1:${ACCOUNT}:memory/support_memory-a1B2c3D4e5`;

  test('parses the id, Region and account from the ARN', () => {
    const stack = testStack();
    const memory = Memory.fromMemoryArn(stack, 'Imported', ARN);
    expect(memory.memoryArn).toBe(ARN);
    expect(memory.memoryId).toBe('support_memory-a1B2c3D4e5');
    expect(memory.env.region).toBe('eu-west-1');
    expect(memory.env.account).toBe(ACCOUNT);
    expect(memory.kmsKey).toBeUndefined();
    expect(memory.executionRole).toBeUndefined();
    expect(memory).toBeInstanceOf(agentcore.MemoryBase);
  });

  test('refuses a token ARN and points to fromMemoryAttributes', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    expect(() => Memory.fromMemoryArn(stack, 'Imported', arn))
      .toThrow(/Memory.fromMemoryArn\('Imported'\): memoryArn is a late-bound value.*Use Memory.fromMemoryAttributes\(scope, id, \{ memoryArn, memoryId \}\)/);
  });

  test('refuses ARNs of other resources', () => {
    const stack = testStack();
    expect(() => Memory.fromMemoryArn(stack, 'A', `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/agent-a1B2c3D4e5`))
      .toThrow(/memoryArn 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime\/agent-a1B2c3D4e5' is not an AgentCore memory ARN/);
    expect(() => Memory.fromMemoryArn(stack, 'B', `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:memory/no_suffix`))
      .toThrow(/is not an AgentCore memory ARN/);
  });

  test('accepts a token ARN with an id, and a key and role', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/memory-role`);
    const memory = Memory.fromMemoryAttributes(stack, 'Imported', { memoryArn: arn, memoryId: 'mem-a1B2c3D4e5', kmsKey: key, executionRole: role });
    expect(stack.resolve(memory.memoryArn)).toEqual({ Ref: 'Arn' });
    expect(memory.memoryId).toBe('mem-a1B2c3D4e5');
    expect(memory.kmsKey).toBe(key);
    expect(memory.executionRole).toBe(role);
    expect(memory.grantPrincipal).toBe(role);
  });

  test('requires memoryId with a token ARN', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    expect(() => Memory.fromMemoryAttributes(stack, 'Imported', { memoryArn: arn }))
      .toThrow(/memoryArn is a token, so memoryId cannot be parsed from it; pass memoryId as well/);
  });
});

describe('Memory metrics', () => {
  test('use the AgentCore namespace and the memory ARN and operation dimensions', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    const arn = { 'Fn::GetAtt': ['Memory22710B9E', 'MemoryArn'] };
    const check = (metric: cloudwatch.Metric, name: string, statistic: string, dims: Record<string, any>) => {
      expect(metric.namespace).toBe('AWS/Bedrock-AgentCore');
      expect(metric.metricName).toBe(name);
      expect(metric.statistic).toBe(statistic);
      expect(stack.resolve(metric.dimensions)).toEqual({ Resource: arn, ...dims });
      expect(metric.region).toBe('us-east-1');
    };
    check(memory.metricInvocationsForApiOperation('CreateEvent'), 'Invocations', 'Sum', { Operation: 'CreateEvent' });
    check(memory.metricLatencyForApiOperation('RetrieveMemoryRecords'), 'Latency', 'Average', { Operation: 'RetrieveMemoryRecords' });
    check(memory.metricErrorsForApiOperation('CreateEvent'), 'Errors', 'Sum', { Operation: 'CreateEvent' });
    check(memory.metricThrottlesForApiOperation('CreateEvent'), 'Throttles', 'Sum', { Operation: 'CreateEvent' });
    check(memory.metricSystemErrorsForApiOperation('CreateEvent'), 'SystemErrors', 'Sum', { Operation: 'CreateEvent' });
    check(memory.metricUserErrorsForApiOperation('CreateEvent'), 'UserErrors', 'Sum', { Operation: 'CreateEvent' });
    check(memory.metricEventCreationCount(), 'CreationCount', 'Sum', { ItemType: 'Event' });
    check(memory.metricMemoryRecordCreationCount(), 'CreationCount', 'Sum', { ItemType: 'MemoryRecordsExtracted' });
    check(memory.metric('Invocations', { statistic: 'Maximum' }), 'Invocations', 'Maximum', {});
  });
});

describe('Memory and cdk-nag AwsSolutions', () => {
  test('the defaults have no errors', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    expect(nagErrors(stack)).toEqual([]);
  });

  test('a memory with a key, an execution role (model override, inference profile) and a grant has no errors', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const memory = new Memory(stack, 'Memory', {
      kmsKey: key,
      memoryStrategies: [
        MemoryStrategy.semantic({
          extraction: {
            model: BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0'),
            appendToPrompt: 'Keep facts about orders only.',
          },
        }),
      ],
    });
    memory.grantReadWrite(new iam.Role(stack, 'Agent', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') }));
    expect(memory.executionRole).toBeDefined();
    expect(nagErrors(stack)).toEqual([]);
  });
});

describe('Memory and the AgentCore rule pack', () => {
  test('the defaults only draw the MEM2 warning (no customer managed key)', () => {
    const stack = testStack();
    new Memory(stack, 'Memory');
    expect(nagFindings(stack, new AgentCoreChecks())).toEqual([
      { rule: 'AgentCore-MEM2', severity: 'warning', paths: ['TestStack/Memory/Resource'] },
    ]);
  });

  test('a retained memory with a key and an execution role draws no finding', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', {
      kmsKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      memoryStrategies: [MemoryStrategy.semantic({ extraction: { model: BedrockModel.foundationModel('amazon.nova-lite-v1:0'), appendToPrompt: 'x' } })],
    });
    expect(nagFindings(stack, new AgentCoreChecks())).toEqual([]);
  });
});

test('the ARN helper renders the partition', () => {
  expect(join('arn:', PARTITION, ':x')).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x']] });
});
