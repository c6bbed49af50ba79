import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, CustomResource, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentCoreChecks, rules } from '../../lib/nag';
import { ruleErrors, ruleNames, SERVICE_TOKEN } from '../helpers/nag';
import { testStack } from '../helpers/stack';

/** A stack with one finding per rule. */
function kitchenSink(stack: Stack): void {
  const role = new iam.Role(stack, 'Exec', {
    assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'), new iam.ServicePrincipal('lambda.amazonaws.com')),
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: ['arn:aws:bedrock:*::foundation-model/*'] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:*'], resources: ['*'] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  new CustomResource(stack, 'Runtime', {
    serviceToken: SERVICE_TOKEN,
    resourceType: 'Custom::BedrockAgentCoreRuntime',
    properties: {
      AgentRuntimeName: 'agent',
      RoleArn: role.roleArn,
      AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest' } },
      NetworkConfiguration: { NetworkMode: 'PUBLIC' },
      EnvironmentVariables: { API_KEY: 'sk-123' },
    },
  });
  new agentcore.CfnGateway(stack, 'Gateway', { name: 'gw', authorizerType: 'NONE', protocolType: 'MCP', roleArn: role.roleArn });
  new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30 });
}

const EXPECTED_IDS = [
  'AgentCore-GW1',
  'AgentCore-IAM1[Action::bedrock:InvokeModel]',
  'AgentCore-IAM2[Action::bedrock-agentcore:*]',
  'AgentCore-IAM3[Action::iam:PassRole]',
  'AgentCore-MEM1',
  'AgentCore-MEM2',
  'AgentCore-ROLE1',
  'AgentCore-ROLE2',
  'AgentCore-RT1',
  'AgentCore-RT2[EnvVar::API_KEY]',
];

describe('AgentCoreChecks', () => {
  test('has a stable name and rule ids (public contract)', () => {
    const stack = testStack();
    kitchenSink(stack);
    const pack = new AgentCoreChecks();
    expect(pack.name).toBe('AgentCore');
    expect(pack.readPackName).toBe('AgentCore');
    expect(ruleNames(stack).sort()).toEqual(EXPECTED_IDS);
  });

  test('reports severities: errors for security defects, warnings for hygiene', () => {
    const stack = testStack();
    kitchenSink(stack);
    const severities = Object.fromEntries(new AgentCoreChecks().validateScope(stack).violations.map((v) => [v.ruleName.replace(/\[.*$/, ''), v.severity]));
    expect(severities).toEqual({
      'AgentCore-ROLE1': 'error',
      'AgentCore-ROLE2': 'warning',
      'AgentCore-IAM1': 'error',
      'AgentCore-IAM2': 'error',
      'AgentCore-IAM3': 'error',
      'AgentCore-RT1': 'warning',
      'AgentCore-RT2': 'error',
      'AgentCore-GW1': 'error',
      'AgentCore-MEM1': 'warning',
      'AgentCore-MEM2': 'warning',
    });
  });

  test('exports every rule under the rules namespace, named after its file', () => {
    const dir = path.join(__dirname, '..', '..', 'lib', 'nag', 'rules');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(rules).sort()).toEqual(files.sort());
    for (const [exportName, rule] of Object.entries(rules)) {
      expect(typeof rule).toBe('function');
      expect((rule as Function).name).toBe(exportName);
    }
  });

  test('verbose descriptions include the explanation', () => {
    const stack = testStack();
    new agentcore.CfnGateway(stack, 'Gateway', { name: 'gw', authorizerType: 'NONE', protocolType: 'MCP', roleArn: 'arn:aws:iam::123456789012:role/r' });
    const [violation] = new AgentCoreChecks(undefined, { verbose: true }).validateScope(stack).violations;
    expect(violation.ruleName).toBe('AgentCore-GW1');
    expect(violation.description).toMatch(/AuthorizerType NONE.*CUSTOM_JWT/);
    expect(violation.violatingResources[0].constructPath).toBe('TestStack/Gateway');
  });

  test('an acknowledgement silences exactly that finding', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock-agentcore:*', 'bedrock-agentcore:Get*'],
      resources: ['arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/m'],
    }));
    expect(ruleNames(stack).sort()).toEqual([
      'AgentCore-IAM2[Action::bedrock-agentcore:*]',
      'AgentCore-IAM2[Action::bedrock-agentcore:Get*]',
    ]);

    Validations.of(role).acknowledge({ id: 'AgentCore-IAM2[Action::bedrock-agentcore:Get*]', reason: 'Read-only access to one memory.' });
    expect(ruleNames(stack)).toEqual(['AgentCore-IAM2[Action::bedrock-agentcore:*]']);
  });

  test('a rule-level acknowledgement on an ancestor silences that rule only', () => {
    const stack = testStack();
    new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30 });
    Validations.of(stack).acknowledge({ id: 'AgentCore-MEM2', reason: 'Sandbox stack without customer data.' });
    expect(ruleNames(stack)).toEqual(['AgentCore-MEM1']);
  });

  test('acknowledging the bare rule id does not cover its findings (cdk-nag 3 semantics)', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    Validations.of(stack).acknowledge({ id: 'AgentCore-IAM3', reason: 'Not specific enough.' });
    expect(ruleNames(stack)).toEqual(['AgentCore-IAM3[Action::iam:PassRole]']);
  });

  test('never throws on odd or unresolvable inputs', () => {
    const stack = testStack();
    const cond = 'IsProd';
    new iam.CfnRole(stack, 'TokenTrust', { assumeRolePolicyDocument: Fn.conditionIf(cond, { Statement: [] }, { Statement: [] }) });
    new iam.CfnRole(stack, 'StringTrust', {
      assumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'bedrock-agentcore.amazonaws.com' } }] }),
    });
    new iam.CfnPolicy(stack, 'TokenStatements', { policyName: 'p', roles: ['r'], policyDocument: { Statement: Fn.conditionIf(cond, [], []) } });
    new iam.CfnManagedPolicy(stack, 'Empty', { policyDocument: {} });
    new CfnResource(stack, 'Bare', { type: 'Custom::BedrockAgentCoreRuntime', properties: { AgentRuntimeArtifact: Fn.ref('Artifact'), EnvironmentVariables: 'x' } });
    new CfnResource(stack, 'Nothing', { type: 'Custom::BedrockAgentCoreRuntime' });
    expect(ruleErrors(stack)).toEqual([]);
    // The JSON-string trust policy is still read: AgentCore without conditions.
    expect(ruleNames(stack)).toContain('AgentCore-ROLE1');
  });
});

describe('as a CDK validation plugin', () => {
  let errorSpy: jest.SpyInstance;
  let exitCode: typeof process.exitCode;
  beforeEach(() => {
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    exitCode = process.exitCode;
  });
  afterEach(() => {
    errorSpy.mockRestore();
    process.exitCode = exitCode;
  });

  function readReport(assemblyDir: string): any {
    return JSON.parse(fs.readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf-8'));
  }

  // aws-cdk-lib does not throw from app.synth() on plugin violations: it writes
  // validation-report.json, prints the report and sets process.exitCode = 1, which is
  // what makes `cdk synth` / `cdk deploy` fail. The tests assert exactly that.
  test('an error-level finding fails synthesis', () => {
    const stack = testStack('Test');
    const app = stack.node.root as App;
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    Validations.of(app).addPlugins(new AgentCoreChecks(app));

    const assembly = app.synth();

    expect(process.exitCode).toBe(1);
    const report = readReport(assembly.directory);
    const plugin = report.pluginReports.find((r: any) => r.pluginName === 'AgentCore');
    expect(plugin.conclusion).toBe('failure');
    expect(plugin.violations.map((v: any) => [v.ruleName, v.severity])).toEqual([['AgentCore-ROLE1', 'error']]);
    expect(plugin.violations[0].violatingConstructs.map((c: any) => c.constructPath)).toEqual(['Test/Role/Resource']);
  });

  test('a compliant app, or one whose findings are acknowledged, synthesizes cleanly', () => {
    const stack = testStack('Test');
    const app = stack.node.root as App;
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    Validations.of(role).acknowledge({ id: 'AgentCore-ROLE1', reason: 'Trust conditions are enforced by an SCP.' });
    const pack = new AgentCoreChecks(app);
    const validate = jest.spyOn(pack, 'validate');
    Validations.of(app).addPlugins(pack);

    const assembly = app.synth();

    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.results[0].value).toEqual({ success: true, violations: [] });
    expect(process.exitCode).toBe(exitCode);
    // Successful plugins are left out of the report.
    expect(readReport(assembly.directory).pluginReports).toEqual([]);
  });

  test('the pack validates the construct tree the CDK passes in the validation context', () => {
    const stack = testStack();
    const app = stack.node.root as App;
    new agentcore.CfnMemory(stack, 'Memory', { name: 'mem', eventExpiryDuration: 30 });
    const report = new AgentCoreChecks().validate({ templatePaths: [], appConstruct: app } as any);
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual(['AgentCore-MEM1', 'AgentCore-MEM2']);
  });
});
