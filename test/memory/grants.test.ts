import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IMemory, Memory, MemoryAccess } from '../../lib/memory';
import { nagErrors } from '../helpers/nag';
import { ACCOUNT, agnosticStack, testStack } from '../helpers/stack';
import { roleStatements } from '../helpers/template';

const MEMORY_ARN = { 'Fn::GetAtt': ['Memory22710B9E', 'MemoryArn'] };
const KEY_ARN = { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] };
const IMPORTED_ARN = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:memory/support_memory-a1B2c3D4e5`;
const IMPORTED_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const VIA = { StringEquals: { 'kms:ViaService': 'bedrock-agentcore.us-east-1.amazonaws.com' } };

const WRITE = ['bedrock-agentcore:CreateEvent'];
const STM = ['bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:ListActors', 'bedrock-agentcore:ListSessions'];
const LTM = ['bedrock-agentcore:GetMemoryRecord', 'bedrock-agentcore:RetrieveMemoryRecords', 'bedrock-agentcore:ListMemoryRecords'];
const GET = ['bedrock-agentcore:GetMemory'];
const DELETE = ['bedrock-agentcore:DeleteEvent', 'bedrock-agentcore:DeleteMemoryRecord'];
const ADMIN = ['bedrock-agentcore:GetMemory', 'bedrock-agentcore:UpdateMemory', 'bedrock-agentcore:DeleteMemory'];
const KEY_READ = ['kms:Decrypt'];
const KEY_WRITE = ['kms:Decrypt', 'kms:GenerateDataKey'];
const KEY_ADMIN = ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

type GrantFn = (memory: IMemory, role: iam.IGrantable) => iam.Grant;

/** Every grant method, the actions it must grant on the memory, and the key actions with a customer managed key. */
const GRANTS: Array<[string, GrantFn, string[], string[]]> = [
  ['grantWrite', (m, r) => m.grantWrite(r), WRITE, KEY_WRITE],
  ['grantReadWrite', (m, r) => m.grantReadWrite(r), [...WRITE, ...STM, ...LTM, ...GET], KEY_WRITE],
  ['grantDelete', (m, r) => m.grantDelete(r), DELETE, []],
  ['grantAdmin', (m, r) => m.grantAdmin(r), ADMIN, KEY_ADMIN],
  ['grantRead', (m, r) => m.grantRead(r), [...STM, ...LTM, ...GET], KEY_READ],
  ['grantReadShortTermMemory', (m, r) => m.grantReadShortTermMemory(r), STM, KEY_READ],
  ['grantReadLongTermMemory', (m, r) => m.grantReadLongTermMemory(r), [...LTM, ...GET], KEY_READ],
  ['grantDeleteShortTermMemory', (m, r) => m.grantDeleteShortTermMemory(r), ['bedrock-agentcore:DeleteEvent'], []],
  ['grantDeleteLongTermMemory', (m, r) => m.grantDeleteLongTermMemory(r), ['bedrock-agentcore:DeleteMemoryRecord'], []],
  ['grantFullAccess', (m, r) => m.grantFullAccess(r), [...WRITE, ...STM, ...LTM, ...GET, ...DELETE, 'bedrock-agentcore:UpdateMemory', 'bedrock-agentcore:DeleteMemory'], KEY_ADMIN],
  ['grantAccess(LONG_TERM_READ)', (m, r) => m.grantAccess(r, MemoryAccess.LONG_TERM_READ), [...LTM, ...GET], KEY_READ],
  ['grant(escape hatch)', (m, r) => m.grant(r, 'bedrock-agentcore:BatchCreateMemoryRecords'), ['bedrock-agentcore:BatchCreateMemoryRecords'], []],
];

function agentRole(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Agent', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
}

describe.each(GRANTS)('%s', (_name, grant, actions, keyActions) => {
  test('grants exactly its actions on the memory ARN', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    const result = grant(memory, agentRole(stack));
    expect(result.success).toBe(true);
    expect(roleStatements(Template.fromStack(stack), 'Agent')).toEqual([
      { Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: MEMORY_ARN },
    ]);
  });

  test('adds the key actions through AgentCore only when the memory has a customer managed key', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { kmsKey: new kms.Key(stack, 'Key') });
    grant(memory, agentRole(stack));
    const expected: any[] = [{ Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: MEMORY_ARN }];
    // the escape hatch grants exactly the actions it is given, nothing on the key
    if (keyActions.length > 0 && _name !== 'grant(escape hatch)') {
      expected.push({ Effect: 'Allow', Action: keyActions.length === 1 ? keyActions[0] : keyActions, Resource: KEY_ARN, Condition: VIA });
    }
    expect(roleStatements(Template.fromStack(stack), 'Agent')).toEqual(expected);
  });

  test('works the same on an imported memory with a key', () => {
    const stack = testStack();
    const memory = Memory.fromMemoryAttributes(stack, 'Imported', {
      memoryArn: IMPORTED_ARN,
      kmsKey: kms.Key.fromKeyArn(stack, 'ImportedKey', IMPORTED_KEY),
    });
    grant(memory, agentRole(stack));
    const expected: any[] = [{ Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: IMPORTED_ARN }];
    if (keyActions.length > 0 && _name !== 'grant(escape hatch)') {
      expected.push({ Effect: 'Allow', Action: keyActions.length === 1 ? keyActions[0] : keyActions, Resource: IMPORTED_KEY, Condition: VIA });
    }
    expect(roleStatements(Template.fromStack(stack), 'Agent')).toEqual(expected);
  });
});

describe('grants', () => {
  test('the key condition uses the Region of the imported memory', () => {
    const stack = testStack();
    const memory = Memory.fromMemoryAttributes(stack, 'Imported', {
      memoryArn: `arn:aws:bedrock-agentcore:eu-west-1:${ACCOUNT}:memory/m-a1B2c3D4e5`,
      kmsKey: kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`),
    });
    memory.grantWrite(agentRole(stack));
    expect(roleStatements(Template.fromStack(stack), 'Agent')[1].Condition)
      .toEqual({ StringEquals: { 'kms:ViaService': 'bedrock-agentcore.eu-west-1.amazonaws.com' } });
  });

  test('the key condition uses the stack Region token in an environment-agnostic stack', () => {
    const stack = agnosticStack();
    const memory = new Memory(stack, 'Memory', { kmsKey: new kms.Key(stack, 'Key') });
    memory.grantWrite(agentRole(stack));
    expect(roleStatements(Template.fromStack(stack), 'Agent')[1].Condition).toEqual({
      StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['bedrock-agentcore.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
    });
  });

  test('a grant to an imported immutable role adds no policy', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory');
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/r`, { mutable: false });
    memory.grantReadWrite(role);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('grant statements never use wildcards, and the granted role passes cdk-nag', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { kmsKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    const role = agentRole(stack);
    memory.grantFullAccess(role);
    const json = JSON.stringify(roleStatements(Template.fromStack(stack), 'Agent'));
    expect(json).not.toContain('*');
    expect(nagErrors(stack)).toEqual([]);
  });
});

describe('MemoryAccess', () => {
  test('levels list their actions', () => {
    expect(MemoryAccess.READ_WRITE.actions).toEqual([...WRITE, ...STM, ...LTM, ...GET]);
    expect(MemoryAccess.READ_ONLY.actions).toEqual([...STM, ...LTM, ...GET]);
    expect(MemoryAccess.WRITE_ONLY.actions).toEqual(WRITE);
    expect(MemoryAccess.SHORT_TERM.actions).toEqual([...WRITE, ...STM]);
    expect(MemoryAccess.SHORT_TERM_READ.actions).toEqual(STM);
    expect(MemoryAccess.LONG_TERM_READ.actions).toEqual([...LTM, ...GET]);
    expect(MemoryAccess.DELETE.actions).toEqual(DELETE);
    expect(MemoryAccess.READ_WRITE_DELETE.actions).toEqual([...WRITE, ...STM, ...LTM, ...GET, ...DELETE]);
    expect(MemoryAccess.ADMIN.actions).toEqual(ADMIN);
    expect(MemoryAccess.READ_WRITE.name).toBe('READ_WRITE');
    expect(`${MemoryAccess.SHORT_TERM}`).toBe('SHORT_TERM');
  });

  test('every level that reads long-term memory includes GetMemory (long-term recall needs it)', () => {
    const levels = [MemoryAccess.READ_WRITE, MemoryAccess.READ_ONLY, MemoryAccess.LONG_TERM_READ, MemoryAccess.READ_WRITE_DELETE,
      MemoryAccess.of('bedrock-agentcore:RetrieveMemoryRecords')];
    for (const level of levels) expect(level.actions).toContain('bedrock-agentcore:GetMemory');
    expect(MemoryAccess.SHORT_TERM.actions).not.toContain('bedrock-agentcore:GetMemory');
  });

  test('key actions follow what the level does', () => {
    expect(MemoryAccess.READ_WRITE.keyActions).toEqual(KEY_WRITE);
    expect(MemoryAccess.WRITE_ONLY.keyActions).toEqual(KEY_WRITE);
    expect(MemoryAccess.READ_ONLY.keyActions).toEqual(KEY_READ);
    expect(MemoryAccess.SHORT_TERM_READ.keyActions).toEqual(KEY_READ);
    expect(MemoryAccess.DELETE.keyActions).toEqual([]);
    expect(MemoryAccess.ADMIN.keyActions).toEqual(KEY_ADMIN);
    expect(MemoryAccess.of('bedrock-agentcore:BatchCreateMemoryRecords').keyActions).toEqual(KEY_WRITE);
  });

  test('of() builds a custom level and refuses wildcards and other services', () => {
    const recall = MemoryAccess.of('bedrock-agentcore:RetrieveMemoryRecords');
    expect(recall.actions).toEqual(['bedrock-agentcore:RetrieveMemoryRecords', 'bedrock-agentcore:GetMemory']);
    expect(recall.name).toBe('CUSTOM(bedrock-agentcore:RetrieveMemoryRecords)');
    expect(() => MemoryAccess.of()).toThrow(/give at least one action/);
    expect(() => MemoryAccess.of('bedrock-agentcore:*')).toThrow(/actions 'bedrock-agentcore:\*' must be exact AgentCore actions/);
    expect(() => MemoryAccess.of('bedrock-agentcore:Get*')).toThrow(/must be exact AgentCore actions/);
    expect(() => MemoryAccess.of('s3:GetObject')).toThrow(/actions 's3:GetObject' must be exact AgentCore actions/);
  });

  test('combine() is the union without duplicates', () => {
    const level = MemoryAccess.combine(MemoryAccess.SHORT_TERM, MemoryAccess.LONG_TERM_READ, MemoryAccess.WRITE_ONLY);
    expect(level.actions).toEqual([...WRITE, ...STM, ...LTM, ...GET]);
    expect(level.name).toBe('SHORT_TERM+LONG_TERM_READ+WRITE_ONLY');
    expect(() => MemoryAccess.combine()).toThrow(/at least one access level/);
  });

  test('grant() is self-contained: it works on aws-cdk-lib\'s own Memory too', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const memory = new agentcore.Memory(stack, 'Memory', { memoryName: 'lib_memory', kmsKey: key });
    const grant = MemoryAccess.READ_ONLY.grant(memory, agentRole(stack));
    expect(grant.success).toBe(true);
    const arn = { 'Fn::GetAtt': [expect.stringMatching(/^Memory[0-9A-F]{8}$/), 'MemoryArn'] };
    expect(roleStatements(Template.fromStack(stack), 'Agent')).toEqual([
      { Effect: 'Allow', Action: [...STM, ...LTM, ...GET], Resource: arn },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN, Condition: VIA },
    ]);
  });

  test('grant() returns one grant covering the memory and the key statements', () => {
    const stack = testStack();
    const memory = new Memory(stack, 'Memory', { kmsKey: new kms.Key(stack, 'Key') });
    const grant = MemoryAccess.WRITE_ONLY.grant(memory, agentRole(stack));
    expect(grant.principalStatements.map((s) => s.toJSON().Action)).toEqual(['bedrock-agentcore:CreateEvent', KEY_WRITE]);
  });
});
