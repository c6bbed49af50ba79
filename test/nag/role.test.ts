import { Aws, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { namesFor, ruleErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const AGENTCORE = 'bedrock-agentcore.amazonaws.com';

function trust(statement: object): object {
  return { Version: '2012-10-17', Statement: [statement] };
}

describe('AgentCore-ROLE1 (trust without SourceAccount and SourceArn)', () => {
  test('Noncompliance: L2 role trusted by the AgentCore service principal without conditions', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal(AGENTCORE) });
    expect(namesFor(stack, 'ROLE1')).toEqual(['AgentCore-ROLE1']);
  });

  const ASSUME = { Effect: 'Allow', Action: 'sts:AssumeRole' };
  const ACCOUNT_ONLY = { StringEquals: { 'aws:SourceAccount': '123456789012' } };
  const BOTH = { ...ACCOUNT_ONLY, ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock-agentcore:us-east-1:123456789012:*' } };

  /** A CfnRole with each trust policy, and the ROLE1 findings it must get. */
  test.each<[string, object, string[]]>([
    ['Noncompliance: only aws:SourceAccount (principal as array)',
      trust({ ...ASSUME, Principal: { Service: ['lambda.amazonaws.com', AGENTCORE] }, Condition: ACCOUNT_ONLY }), ['AgentCore-ROLE1']],
    ['Noncompliance: only aws:SourceArn',
      trust({ ...ASSUME, Principal: { Service: AGENTCORE }, Condition: { ArnLike: BOTH.ArnLike } }), ['AgentCore-ROLE1']],
    ['Noncompliance: a bare "*" does not bind a condition key',
      trust({ ...ASSUME, Principal: { Service: AGENTCORE }, Condition: { StringLike: { 'aws:SourceAccount': '*', 'aws:SourceArn': '*' } } }), ['AgentCore-ROLE1']],
    ['Noncompliance: a second AgentCore statement without conditions', {
      Statement: [
        { ...ASSUME, Principal: { Service: AGENTCORE }, Condition: { ...ACCOUNT_ONLY, ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock-agentcore:*:123456789012:*' } } },
        { Effect: 'Allow', Action: 'sts:TagSession', Principal: { Service: AGENTCORE } },
      ],
    }, ['AgentCore-ROLE1']],
    ['Compliance: the documented trust policy (StringEquals + ArnLike)',
      trust({ Sid: 'AssumeRolePolicy', ...ASSUME, Principal: { Service: AGENTCORE }, Condition: BOTH }), []],
  ])('CfnRole: %s', (_name, assumeRolePolicyDocument, expected) => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument });
    expect(namesFor(stack, 'ROLE1')).toEqual(expected);
  });

  test('Compliance: L2 role with both conditions built from tokens', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal(AGENTCORE, {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock-agentcore:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
        },
      }),
    });
    expect(namesFor(stack, 'ROLE1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance (not applicable): roles AgentCore cannot assume', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(namesFor(stack, 'ROLE1')).toEqual([]);
  });
});

describe('AgentCore-ROLE2 (trust shared with other principals)', () => {
  const conditions = {
    StringEquals: { 'aws:SourceAccount': '123456789012' },
    ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock-agentcore:us-east-1:123456789012:*' },
  };

  test('Noncompliance: L2 role with a CompositePrincipal (AgentCore + Lambda)', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal(AGENTCORE, { conditions }), new iam.ServicePrincipal('lambda.amazonaws.com')),
    });
    expect(namesFor(stack, 'ROLE2')).toEqual(['AgentCore-ROLE2']);
    expect(namesFor(stack, 'ROLE1')).toEqual([]);
  });

  test('Noncompliance: CfnRole also trusting an account root (a token)', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: AGENTCORE }, Condition: conditions },
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: Fn.join('', ['arn:aws:iam::', Aws.ACCOUNT_ID, ':root']) } },
        ],
      },
    });
    expect(namesFor(stack, 'ROLE2')).toEqual(['AgentCore-ROLE2']);
  });

  test.each([
    ['Principal "*"', { Principal: '*' }],
    ['NotPrincipal', { NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }],
    ['a federated principal', { Principal: { Federated: 'cognito-identity.amazonaws.com' } }],
  ])('Noncompliance: AgentCore plus %s', (_name, extra) => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: AGENTCORE }, Condition: conditions },
          { Effect: 'Allow', Action: 'sts:AssumeRole', ...extra },
        ],
      },
    });
    expect(namesFor(stack, 'ROLE2')).toEqual(['AgentCore-ROLE2']);
  });

  test('Compliance: a service principal or a whole Principal hidden by an intrinsic cannot be judged', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: [AGENTCORE, Fn.ref('OtherService')] }, Condition: conditions },
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: Fn.conditionIf('C', { Service: 'x' }, { Service: 'y' }) },
          { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { AWS: '*' } },
        ],
      },
    });
    expect(namesFor(stack, 'ROLE2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance: only the AgentCore service principal', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal(AGENTCORE, { conditions }) });
    new iam.CfnRole(stack, 'CfnRole', {
      assumeRolePolicyDocument: trust({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: [AGENTCORE] }, Condition: conditions }),
    });
    expect(namesFor(stack, 'ROLE2')).toEqual([]);
  });

  test('Compliance (not applicable): a role shared by other services but not AgentCore', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('states.amazonaws.com')),
    });
    expect(namesFor(stack, 'ROLE2')).toEqual([]);
  });
});
