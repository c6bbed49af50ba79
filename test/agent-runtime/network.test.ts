import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeArtifact, RuntimeNetwork } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

function vpcRuntime(stack: Stack, securityGroups?: ec2.ISecurityGroup[]): AgentRuntime {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, 'Agent', {
    runtimeName: 'agent',
    artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }),
    network: RuntimeNetwork.vpc(vpc, { securityGroups }),
  });
}

const HTTPS_OUT = { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS to AWS APIs (ECR, Bedrock, AgentCore) through VPC endpoints or NAT' };

describe('RuntimeNetwork.vpc() default security group', () => {
  test('no inbound rule, and outbound HTTPS only', () => {
    const stack = testStack();
    vpcRuntime(stack);
    const groups = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'));
    expect(groups).toHaveLength(1);
    expect((groups[0] as any).Properties.SecurityGroupEgress).toEqual([HTTPS_OUT]);
    expect((groups[0] as any).Properties.SecurityGroupIngress).toBeUndefined();
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('connections.allowTo() adds an outbound rule that takes effect, with no warning', () => {
    const stack = testStack();
    const agent = vpcRuntime(stack);
    const database = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Db', 'sg-0123456789abcdef0', { allowAllOutbound: false });
    agent.connections.allowTo(database, ec2.Port.tcp(5432), 'the agent reads the orders database');
    const template = Template.fromStack(stack);
    // A rule to another security group is its own resource; the group keeps its HTTPS rule.
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentSecurityGroup'), 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      DestinationSecurityGroupId: 'sg-0123456789abcdef0',
      Description: 'the agent reads the orders database',
    }, 1);
    const group: any = Object.values(template.findResources('AWS::EC2::SecurityGroup'))[0];
    expect(group.Properties.SecurityGroupEgress).toEqual([HTTPS_OUT]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Ignoring Egress rule'))).toEqual([]);
  });

  test('security groups given by the user are used as they are', () => {
    const stack = testStack();
    const own = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Own', 'sg-0aaaaaaaaaaaaaaaa');
    const agent = vpcRuntime(stack, [own]);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroup', 0);
    expect(agent.connections.securityGroups).toEqual([own]);
  });
});
