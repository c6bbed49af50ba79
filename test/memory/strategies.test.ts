import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BedrockModel } from '../../lib/execution-role/bedrock-model';
import { Memory, MemoryStrategy } from '../../lib/memory';
import { nagErrors } from '../helpers/nag';
import { ACCOUNT, PARTITION, testStack } from '../helpers/stack';
import { join, onlyResource, roleStatements } from '../helpers/template';
import { agentCoreTrustPolicy } from '../helpers/trust';

const ACTOR = '/strategies/{memoryStrategyId}/actors/{actorId}/';
const SESSION = '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/';
const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const override = (appendToPrompt = 'Focus on orders.') => ({ model: BedrockModel.foundationModel(HAIKU), appendToPrompt });
const MODEL_ARN = join('arn:', PARTITION, `:bedrock:us-east-1::foundation-model/${HAIKU}`);
const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

function strategiesOf(stack: Stack): any[] {
  return onlyResource(Template.fromStack(stack), 'AWS::BedrockAgentCore::Memory').Properties.MemoryStrategies;
}

function render(...strategies: agentcore.IMemoryStrategy[]): any[] {
  const stack = testStack();
  new Memory(stack, 'Memory', { memoryName: 'm', memoryStrategies: strategies });
  return strategiesOf(stack);
}

describe('built-in strategies', () => {
  test('render with documented default names and namespaces and need no execution role', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', {
      memoryStrategies: [MemoryStrategy.semantic(), MemoryStrategy.summary(), MemoryStrategy.userPreference(), MemoryStrategy.episodic()],
    });
    expect(strategiesOf(stack)).toEqual([
      { SemanticMemoryStrategy: { Name: 'semantic', Namespaces: [ACTOR] } },
      { SummaryMemoryStrategy: { Name: 'summary', Namespaces: [SESSION] } },
      { UserPreferenceMemoryStrategy: { Name: 'user_preference', Namespaces: [ACTOR] } },
      { EpisodicMemoryStrategy: { Name: 'episodic', Namespaces: [SESSION], ReflectionConfiguration: { Namespaces: [ACTOR] } } },
    ]);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 0);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').Properties.MemoryExecutionRoleArn).toBeUndefined();
    expect(memory.executionRole).toBeUndefined();
    expect(memory.memoryStrategies.map((s) => s.strategyName)).toEqual(['semantic', 'summary', 'user_preference', 'episodic']);
  });

  test('render names, descriptions and namespaces given', () => {
    expect(render(
      MemoryStrategy.semantic({ strategyName: 'facts', description: 'Order facts', namespaces: ['/facts/{actorId}/'] }),
      MemoryStrategy.summary({ strategyName: 'summaries', namespaces: ['/summaries/{actorId}/{sessionId}/'] }),
      MemoryStrategy.episodic({ namespaces: ['/episodes/{actorId}/{sessionId}/'], reflectionNamespaces: ['/reflections/{actorId}/'] }),
    )).toEqual([
      { SemanticMemoryStrategy: { Name: 'facts', Description: 'Order facts', Namespaces: ['/facts/{actorId}/'] } },
      { SummaryMemoryStrategy: { Name: 'summaries', Namespaces: ['/summaries/{actorId}/{sessionId}/'] } },
      { EpisodicMemoryStrategy: { Name: 'episodic', Namespaces: ['/episodes/{actorId}/{sessionId}/'], ReflectionConfiguration: { Namespaces: ['/reflections/{actorId}/'] } } },
    ]);
  });

  test('expose their type and namespaces', () => {
    const s = MemoryStrategy.summary();
    expect(s.strategyType).toBe(agentcore.MemoryStrategyType.SUMMARIZATION);
    expect(s.namespaces).toEqual([SESSION]);
    expect(s.needsExecutionRole).toBe(false);
    expect(s.grant(new iam.Role(testStack(), 'R', { assumedBy: new iam.AccountRootPrincipal() }))).toBeUndefined();
    expect(MemoryStrategy.episodic().reflectionNamespaces).toEqual([ACTOR]);
  });
});

describe('built-in strategies with model overrides', () => {
  test('render as custom strategies with the override of their type', () => {
    expect(render(
      MemoryStrategy.semantic({ extraction: override('a'), consolidation: override('b') }),
      MemoryStrategy.summary({ consolidation: override('c') }),
      MemoryStrategy.userPreference({ extraction: override('d') }),
      MemoryStrategy.episodic({ extraction: override('e'), reflection: override('f'), reflectionNamespaces: ['/r/{actorId}/'] }),
    )).toEqual([
      { CustomMemoryStrategy: { Name: 'semantic', Namespaces: [ACTOR], Configuration: { SemanticOverride: { Extraction: { ModelId: HAIKU, AppendToPrompt: 'a' }, Consolidation: { ModelId: HAIKU, AppendToPrompt: 'b' } } } } },
      { CustomMemoryStrategy: { Name: 'summary', Namespaces: [SESSION], Configuration: { SummaryOverride: { Consolidation: { ModelId: HAIKU, AppendToPrompt: 'c' } } } } },
      { CustomMemoryStrategy: { Name: 'user_preference', Namespaces: [ACTOR], Configuration: { UserPreferenceOverride: { Extraction: { ModelId: HAIKU, AppendToPrompt: 'd' } } } } },
      { CustomMemoryStrategy: { Name: 'episodic', Namespaces: [SESSION], Configuration: { EpisodicOverride: { Extraction: { ModelId: HAIKU, AppendToPrompt: 'e' }, Reflection: { ModelId: HAIKU, AppendToPrompt: 'f', Namespaces: ['/r/{actorId}/'] } } } } },
    ]);
  });

  test('an immutable execution role takes no strategy grant: a warning says what to attach (and a mutable one is silent)', () => {
    const stack = testStack();
    const frozen = iam.Role.fromRoleArn(stack, 'Frozen', `arn:aws:iam::${ACCOUNT}:role/frozen`, { mutable: false });
    new Memory(stack, 'Memory', { executionRole: frozen, memoryStrategies: [MemoryStrategy.summary({ consolidation: override() })] });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('execution-role-immutable')).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`role arn:aws:iam::${ACCOUNT}:role/frozen is immutable .*bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream on .*foundation-model/${HAIKU}`))]);

    const other = testStack();
    new Memory(other, 'Memory', {
      executionRole: iam.Role.fromRoleArn(other, 'Mutable', `arn:aws:iam::${ACCOUNT}:role/mutable`),
      memoryStrategies: [MemoryStrategy.summary({ consolidation: override() })],
    });
    expect(Annotations.fromStack(other).findWarning('*', Match.stringLikeRegexp('execution-role-immutable'))).toEqual([]);
  });

  test('an episodic override without a reflection override renders no reflection', () => {
    expect(render(MemoryStrategy.episodic({ consolidation: override() }))).toEqual([
      { CustomMemoryStrategy: { Name: 'episodic', Namespaces: [SESSION], Configuration: { EpisodicOverride: { Consolidation: { ModelId: HAIKU, AppendToPrompt: 'Focus on orders.' } } } } },
    ]);
  });

  test('create an execution role trusted by AgentCore for this memory only, allowed to invoke exactly the models', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', {
      memoryName: 'support_memory',
      memoryStrategies: [
        MemoryStrategy.semantic({ extraction: override() }),
        MemoryStrategy.summary({ consolidation: { model: BedrockModel.inferenceProfile(`us.${HAIKU}`, { destinationRegions: ['us-east-1', 'us-west-2'] }), appendToPrompt: 'x' } }),
      ],
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 1);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: agentCoreTrustPolicy('memory/support_memory-*'),
    });
    expect(roleStatements(t, 'MemoryExecutionRole')).toEqual([
      { Effect: 'Allow', Action: INVOKE, Resource: MODEL_ARN },
      {
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [
          join('arn:', PARTITION, `:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${HAIKU}`),
          MODEL_ARN,
          join('arn:', PARTITION, `:bedrock:us-west-2::foundation-model/${HAIKU}`),
        ],
      },
    ]);
    const resource = onlyResource(t, 'AWS::BedrockAgentCore::Memory');
    expect(resource.Properties.MemoryExecutionRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MemoryExecutionRole/), 'Arn'] });
    // the policy exists before AgentCore validates the role
    expect(resource.DependsOn).toEqual([expect.stringMatching(/^MemoryExecutionRoleDefaultPolicy/)]);
    expect(memory.executionRole).toBeInstanceOf(iam.Role);
    expect(memory.grantPrincipal).toBe(memory.executionRole);
  });

  test('use a given execution role instead of creating one', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    new Memory(stack, 'Memory', { executionRole: role, memoryStrategies: [MemoryStrategy.userPreference({ consolidation: override() })] });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 1);
    expect(roleStatements(t, 'MyRole')).toEqual([{ Effect: 'Allow', Action: INVOKE, Resource: MODEL_ARN }]);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').Properties.MemoryExecutionRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MyRole/), 'Arn'] });
  });

  test('give a given execution role the key actions too', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    new Memory(stack, 'Memory', { executionRole: role, kmsKey: new kms.Key(stack, 'Key'), memoryStrategies: [MemoryStrategy.semantic()] });
    const t = Template.fromStack(stack);
    expect(roleStatements(t, 'MyRole')).toEqual([{
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
    }]);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').DependsOn).toEqual([expect.stringMatching(/^MyRoleDefaultPolicy/)]);
  });

  test('give the execution role the key actions on the memory\'s key', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', { kmsKey: new kms.Key(stack, 'Key'), memoryStrategies: [MemoryStrategy.semantic({ extraction: override() })] });
    expect(roleStatements(Template.fromStack(stack), 'MemoryExecutionRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
      },
      { Effect: 'Allow', Action: INVOKE, Resource: MODEL_ARN },
    ]);
  });

  test('a cross-region profile without destination Regions is acknowledged for cdk-nag finding by finding', () => {
    const stack = testStack();
    new Memory(stack, 'Memory', {
      memoryStrategies: [MemoryStrategy.semantic({ extraction: { model: BedrockModel.inferenceProfile(`global.${HAIKU}`), appendToPrompt: 'x' } })],
    });
    expect(nagErrors(stack)).toEqual([]);
  });
});

describe('self-managed strategies', () => {
  test('render the pipeline with the default triggers and grant the role exactly the topic and the bucket', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    const bucket = new s3.Bucket(stack, 'Payloads');
    new Memory(stack, 'Memory', { memoryStrategies: [MemoryStrategy.selfManaged({ topic, payloadBucket: bucket })] });
    const t = Template.fromStack(stack);
    expect(strategiesOf(stack)).toEqual([{
      CustomMemoryStrategy: {
        Name: 'self_managed',
        Configuration: {
          SelfManagedConfiguration: {
            HistoricalContextWindowSize: 4,
            InvocationConfiguration: { TopicArn: { Ref: expect.stringMatching(/^Topic/) }, PayloadDeliveryBucketName: { Ref: expect.stringMatching(/^Payloads/) } },
            TriggerConditions: [
              { MessageBasedTrigger: { MessageCount: 1 } },
              { TokenBasedTrigger: { TokenCount: 100 } },
              { TimeBasedTrigger: { IdleSessionTimeout: 10 } },
            ],
          },
        },
      },
    }]);
    const bucketArn = { 'Fn::GetAtt': [expect.stringMatching(/^Payloads/), 'Arn'] };
    expect(roleStatements(t, 'MemoryExecutionRole')).toEqual([
      { Effect: 'Allow', Action: ['sns:GetTopicAttributes', 'sns:Publish'], Resource: { Ref: expect.stringMatching(/^Topic/) } },
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: bucketArn },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } },
    ]);
  });

  test('render only the triggers given, and grant the keys of an encrypted topic and bucket', () => {
    const stack = testStack();
    const topicKey = new kms.Key(stack, 'TopicKey');
    const bucketKey = new kms.Key(stack, 'BucketKey');
    const topic = new sns.Topic(stack, 'Topic', { masterKey: topicKey });
    const bucket = new s3.Bucket(stack, 'Payloads', { encryptionKey: bucketKey });
    new Memory(stack, 'Memory', {
      memoryStrategies: [MemoryStrategy.selfManaged({
        strategyName: 'pipeline',
        description: 'Our extractor',
        topic,
        payloadBucket: bucket,
        tokenCount: 2000,
        idleSessionTimeout: Duration.minutes(5),
        historicalContextWindowSize: 10,
      })],
    });
    const config = strategiesOf(stack)[0].CustomMemoryStrategy;
    expect(config.Name).toBe('pipeline');
    expect(config.Description).toBe('Our extractor');
    expect(config.Configuration.SelfManagedConfiguration.HistoricalContextWindowSize).toBe(10);
    expect(config.Configuration.SelfManagedConfiguration.TriggerConditions).toEqual([
      { TokenBasedTrigger: { TokenCount: 2000 } },
      { TimeBasedTrigger: { IdleSessionTimeout: 300 } },
    ]);
    expect(roleStatements(Template.fromStack(stack), 'MemoryExecutionRole')).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [{ 'Fn::GetAtt': [expect.stringMatching(/^TopicKey/), 'Arn'] }, { 'Fn::GetAtt': [expect.stringMatching(/^BucketKey/), 'Arn'] }],
    });
  });

  test('pass cdk-nag: the only wildcard (objects in the payload bucket) is acknowledged exactly', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic', { enforceSSL: true });
    const bucket = new s3.Bucket(stack, 'Payloads', { enforceSSL: true, serverAccessLogsPrefix: 'logs/' });
    new Memory(stack, 'Memory', { memoryStrategies: [MemoryStrategy.selfManaged({ topic, payloadBucket: bucket })] });
    expect(nagErrors(stack).filter((e) => e.includes('Memory'))).toEqual([]);
  });
});

describe('Memory.addMemoryStrategy', () => {
  test('adds a strategy later and creates the execution role only then', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { memoryStrategies: [MemoryStrategy.semantic()] });
    expect(memory.executionRole).toBeUndefined();
    memory.addMemoryStrategy(MemoryStrategy.summary({ consolidation: override() }));
    expect(memory.executionRole).toBeDefined();
    const t = Template.fromStack(stack);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').Properties.MemoryStrategies).toHaveLength(2);
    expect(onlyResource(t, 'AWS::BedrockAgentCore::Memory').Properties.MemoryExecutionRoleArn).toBeDefined();
  });

  test('validates the whole list', () => {
    const memory = new Memory(testStack(), 'Memory', { memoryStrategies: [MemoryStrategy.semantic()] });
    expect(() => memory.addMemoryStrategy(MemoryStrategy.semantic()))
      .toThrow(/Invalid Memory.addMemoryStrategy\(\) argument at 'TestStack\/Memory':\n {2}- memoryStrategies\[1\].strategyName 'semantic' must be unique within the memory \(memoryStrategies\[0\] has the same name\)/);
  });
});

describe('aws-cdk-lib strategies', () => {
  test('are accepted, rendered as they render themselves, and get a role when they need one', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', {
      memoryStrategies: [
        agentcore.MemoryStrategy.usingBuiltInSemantic(),
        agentcore.MemoryStrategy.usingSelfManaged({
          strategyName: 'pipeline',
          invocationConfiguration: { topic: new sns.Topic(stack, 'Topic'), s3Location: { bucketName: 'payloads', objectKey: 'x' } },
        }),
      ],
    });
    expect(strategiesOf(stack)[0]).toEqual({
      SemanticMemoryStrategy: expect.objectContaining({ Name: 'semantic_builtin_cdkGen0001' }),
    });
    expect(memory.executionRole).toBeDefined();
    expect(JSON.stringify(roleStatements(Template.fromStack(stack), 'MemoryExecutionRole'))).toContain('sns:Publish');
  });

  test('are validated from their rendering', () => {
    expect(() => new Memory(testStack(), 'Memory', {
      memoryStrategies: [agentcore.MemoryStrategy.usingSummarization({ strategyName: 'summary', namespaces: ['/summaries/{actorId}/'] })],
    })).toThrow(/memoryStrategies\[0\].namespaces\[0\] '\/summaries\/\{actorId\}\/' must contain \{sessionId\}: summaries are made per session/);
  });
});

describe('strategy validation', () => {
  const make = (...strategies: agentcore.IMemoryStrategy[]) => () => new Memory(testStack(), 'Memory', { memoryStrategies: strategies });

  test('at most 6 strategies', () => {
    const seven = Array.from({ length: 7 }, (_, i) => MemoryStrategy.semantic({ strategyName: `s${i}` }));
    expect(make(...seven)).toThrow(/memoryStrategies has 7 entries; a memory has at most 6 strategies \(the AgentCore quota per memory\)/);
    expect(make(...seven.slice(0, 6))).not.toThrow();
  });

  test('unique names', () => {
    expect(make(MemoryStrategy.semantic(), MemoryStrategy.userPreference({ strategyName: 'semantic' })))
      .toThrow(/memoryStrategies\[1\].strategyName 'semantic' must be unique within the memory \(memoryStrategies\[0\] has the same name\)/);
  });

  test.each(['1facts', 'my-facts', 'f'.repeat(49)])('name pattern: %s', (strategyName) => {
    expect(make(MemoryStrategy.semantic({ strategyName }))).toThrow(/memoryStrategies\[0\].strategyName '.*' must match \[a-zA-Z\]\[a-zA-Z0-9_\]\{0,47\}/);
  });

  test('description length', () => {
    expect(make(MemoryStrategy.semantic({ description: '' }))).toThrow(/memoryStrategies\[0\].description '' must be 1-4096 characters long/);
  });

  test('namespaces: only the three variables', () => {
    expect(make(MemoryStrategy.semantic({ namespaces: ['/facts/{userId}/'] })))
      .toThrow(/memoryStrategies\[0\].namespaces\[0\] '\/facts\/\{userId\}\/' may only contain the variables \{actorId\}, \{sessionId\}, \{memoryStrategyId\} \(found \{userId\}\)/);
    expect(make(MemoryStrategy.semantic({ namespaces: ['/facts/{actorId/'] }))).toThrow(/may only contain the variables .* \(found \{actorId\/\)/);
    expect(make(MemoryStrategy.semantic({ namespaces: ['/facts/actorId}/'] }))).toThrow(/may only contain the variables .* \(found \}\)/);
    expect(make(MemoryStrategy.semantic({ namespaces: ['/{memoryStrategyId}/{actorId}/{sessionId}/'] }))).not.toThrow();
  });

  test('namespaces: characters, length and count', () => {
    expect(make(MemoryStrategy.semantic({ namespaces: ['/facts about/{actorId}/'] })))
      .toThrow(/memoryStrategies\[0\].namespaces\[0\] '\/facts about\/\{actorId\}\/' must contain only letters, digits, '-', '_', '\/' and the variables/);
    expect(make(MemoryStrategy.semantic({ namespaces: [''] }))).toThrow(/memoryStrategies\[0\].namespaces\[0\] '' must be 1-512 characters long/);
    expect(make(MemoryStrategy.semantic({ namespaces: [`/${'a'.repeat(512)}`] }))).toThrow(/must be 1-512 characters long \(it is 513\)/);
    expect(make(MemoryStrategy.semantic({ namespaces: ['/a/{actorId}/', '/b/{actorId}/'] })))
      .toThrow(/memoryStrategies\[0\].namespaces '\/a\/\{actorId\}\/, \/b\/\{actorId\}\/' must hold one namespace/);
  });

  test('summary namespaces must contain {sessionId}, also with an override', () => {
    expect(make(MemoryStrategy.summary({ namespaces: ['/summaries/{actorId}/'] })))
      .toThrow(/memoryStrategies\[0\].namespaces\[0\] '\/summaries\/\{actorId\}\/' must contain \{sessionId\}/);
    expect(make(MemoryStrategy.summary({ namespaces: ['/summaries/{actorId}/'], consolidation: override() })))
      .toThrow(/must contain \{sessionId\}/);
    expect(make(MemoryStrategy.semantic({ namespaces: ['/facts/{actorId}/'] }))).not.toThrow();
  });

  test('reflection namespaces follow the same rules and need a reflection override when overridden', () => {
    expect(make(MemoryStrategy.episodic({ reflectionNamespaces: ['/r/{user}/'] })))
      .toThrow(/memoryStrategies\[0\].reflectionNamespaces\[0\] '\/r\/\{user\}\/' may only contain the variables/);
    expect(make(MemoryStrategy.episodic({ extraction: override(), reflectionNamespaces: ['/r/{actorId}/'] })))
      .toThrow(/memoryStrategies\[0\].reflectionNamespaces '\/r\/\{actorId\}\/' needs a reflection override/);
  });

  test('prompt lengths', () => {
    expect(make(MemoryStrategy.semantic({ extraction: override('') })))
      .toThrow(/memoryStrategies\[0\].extraction.appendToPrompt '' must be 1-30000 characters long/);
    expect(make(MemoryStrategy.episodic({ reflection: override('p'.repeat(30001)) })))
      .toThrow(/memoryStrategies\[0\].reflection.appendToPrompt 'p+…\(\d+ characters\)…p+' must be 1-30000 characters long \(it is 30001\)/);
  });

  test('self-managed trigger ranges', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    const payloadBucket = new s3.Bucket(stack, 'Bucket');
    const bad = (props: any) => () => new Memory(stack, `M${Math.random().toString(36).slice(2, 8)}`, {
      memoryStrategies: [MemoryStrategy.selfManaged({ topic, payloadBucket, ...props })],
    });
    expect(bad({ messageCount: 0 })).toThrow(/memoryStrategies\[0\].messageCount 0 must be between 1 and 50/);
    expect(bad({ messageCount: 51 })).toThrow(/memoryStrategies\[0\].messageCount 51 must be between 1 and 50/);
    expect(bad({ messageCount: 2.5 })).toThrow(/memoryStrategies\[0\].messageCount 2.5 must be a whole number/);
    expect(bad({ tokenCount: 99 })).toThrow(/memoryStrategies\[0\].tokenCount 99 must be between 100 and 500000/);
    expect(bad({ idleSessionTimeout: Duration.seconds(5) })).toThrow(/memoryStrategies\[0\].idleSessionTimeout 5 must be between 10 seconds and 3000 seconds/);
    expect(bad({ idleSessionTimeout: Duration.hours(1) })).toThrow(/idleSessionTimeout 3600 must be between 10 seconds and 3000 seconds/);
    expect(bad({ historicalContextWindowSize: 51 })).toThrow(/memoryStrategies\[0\].historicalContextWindowSize 51 must be between 0 and 50/);
    expect(bad({ messageCount: 50, tokenCount: 500000, idleSessionTimeout: Duration.seconds(3000), historicalContextWindowSize: 0 })).not.toThrow();
  });

  test('reports problems of several strategies at once', () => {
    expect(make(MemoryStrategy.semantic({ strategyName: 'bad-name' }), MemoryStrategy.summary({ namespaces: ['/s/'] })))
      .toThrow(/memoryStrategies\[0\].strategyName 'bad-name'.*\n.*memoryStrategies\[1\].namespaces\[0\] '\/s\/' must contain \{sessionId\}/);
  });
});

test('MemoryStrategy.grant needs a construct grantee', () => {
  const grantee: iam.IGrantable = { grantPrincipal: new iam.AccountPrincipal(ACCOUNT) };
  expect(() => MemoryStrategy.semantic({ extraction: override() }).grant(grantee)).toThrow(/the grantee must be a construct/);
});
