import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { addPolicy, ordersSetup } from './fixtures';
import { CedarPolicy, CedarStatement, Gateway, GatewayPolicyEngineMode, PolicyEnforcementMode, PolicyEngine, PolicyValidationMode } from '../../lib';
import { namesFor, ruleErrors } from '../helpers/nag';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/gateway';
const ENGINE_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/e-abcdefghij';

/** A stack in the given AgentCore environment (the `cdk-agentcore:environment` context of the app). */
function stackIn(environment?: string): Stack {
  const app = new App(environment ? { context: { 'cdk-agentcore:environment': environment } } : {});
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
}

function l1Policy(stack: Stack, id: string, statement: any, extra: Partial<agentcore.CfnPolicyProps> = {}): agentcore.CfnPolicy {
  return new agentcore.CfnPolicy(stack, id, { name: id, policyEngineId: 'e-abcdefghij', definition: { cedar: { statement } }, ...extra });
}

function l1Gateway(stack: Stack, id: string, policyEngineConfiguration?: any): agentcore.CfnGateway {
  return new agentcore.CfnGateway(stack, id, { name: id.toLowerCase(), authorizerType: 'AWS_IAM', protocolType: 'MCP', roleArn: ROLE_ARN, policyEngineConfiguration });
}

describe('AgentCore-POL1 (a Cedar policy that permits every action)', () => {
  test.each([
    ['permit(principal, action, resource);', true],
    ['permit(principal is AgentCore::IamEntity, action, resource is AgentCore::Gateway);', true],
    ['permit(principal, action in AgentCore::Action::"CallTool", resource == AgentCore::Gateway::"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/g-abcdefghij");', true],
    ['@id("all")\npermit(\n  principal,\n  action in [AgentCore::Action::"Orders___get_order", AgentCore::Action::"Mcp"],\n  resource\n);', true],
    ['forbid(principal, action, resource);', false],
    ['permit(principal, action, resource) when { context.input has ticket };', false],
    ['permit(principal, action, resource) unless { principal.id like "*:role/untrusted*" };', false],
    ['permit(principal == AgentCore::IamEntity::"arn:aws:iam::123456789012:role/agent", action, resource);', false],
    ['permit(principal, action == AgentCore::Action::"Orders___get_order", resource);', false],
    ['permit(principal, action in AgentCore::Action::"Orders", resource);', false],
  ])('%s flagged: %s', (statement, flagged) => {
    const stack = stackIn();
    l1Policy(stack, 'Policy', statement);
    expect(namesFor(stack, 'POL1')).toEqual(flagged ? ['AgentCore-POL1'] : []);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('a statement with a gateway ARN token is judged by its literal parts; an intrinsic statement or broken Cedar is not applicable', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'everything', `permit(principal, action, resource == AgentCore::Gateway::"${gateway.gatewayArn}");`, { validateAgainstGateways: false });
    expect(namesFor(stack, 'POL1')).toEqual(['AgentCore-POL1']);

    const other = stackIn();
    l1Policy(other, 'Param', new CfnParameter(other, 'Statement').valueAsString);
    l1Policy(other, 'Broken', 'permit(principal, action, resource) when { x == };');
    expect(namesFor(other, 'POL1')).toEqual([]);
    expect(ruleErrors(other)).toEqual([]);
  });

  test('a finding can be acknowledged with a reason', () => {
    const stack = stackIn();
    const policy = l1Policy(stack, 'Policy', 'permit(principal, action, resource);');
    Validations.of(policy).acknowledge({ id: 'AgentCore-POL1', reason: 'Sandbox account; the engine guards nothing yet.' });
    expect(namesFor(stack, 'POL1')).toEqual([]);
  });
});

describe('AgentCore-POL2 (a LOG_ONLY policy in production) and AgentCore-POL3 (analyzer findings ignored)', () => {
  test('POL2 flags EnforcementMode LOG_ONLY in a production environment only', () => {
    for (const [environment, expected] of [['prod', ['AgentCore-POL2']], ['eu-prod', ['AgentCore-POL2']], ['production', ['AgentCore-POL2']], ['preprod', []], ['dev', []], [undefined, []]] as const) {
      const stack = stackIn(environment);
      const engine = PolicyEngine.fromPolicyEngineArn(stack, 'Engine', ENGINE_ARN);
      new CedarPolicy(stack, 'Shadow', {
        policyEngine: engine,
        statement: CedarStatement.fromString('forbid(principal, action, resource) when { context.input has secret };'),
        enforcementMode: PolicyEnforcementMode.LOG_ONLY,
      });
      l1Policy(stack, 'Active', 'forbid(principal, action, resource) when { context.input has token };');
      expect({ environment, found: namesFor(stack, 'POL2') }).toEqual({ environment, found: expected });
    }
  });

  test('POL3 flags ValidationMode IGNORE_ALL_FINDINGS in every environment', () => {
    const stack = stackIn();
    l1Policy(stack, 'Ignored', 'forbid(principal, action, resource) when { context.input has secret };', { validationMode: PolicyValidationMode.IGNORE_ALL_FINDINGS });
    l1Policy(stack, 'Default', 'forbid(principal, action, resource) when { context.input has token };');
    l1Policy(stack, 'Explicit', 'forbid(principal, action, resource) when { context.input has pin };', { validationMode: PolicyValidationMode.FAIL_ON_ANY_FINDINGS });
    expect(namesFor(stack, 'POL3')).toEqual(['AgentCore-POL3']);
  });
});

describe('AgentCore-GW2 (no policy engine in production) and AgentCore-GW3 (LOG_ONLY engine in production)', () => {
  test('GW2 flags a production gateway without a policy engine; not outside production', () => {
    const prod = stackIn('prod');
    new Gateway(prod, 'Unguarded');
    l1Gateway(prod, 'Guarded', { arn: ENGINE_ARN, mode: 'ENFORCE' });
    expect(namesFor(prod, 'GW2')).toEqual(['AgentCore-GW2']);
    const dev = stackIn('dev');
    new Gateway(dev, 'Unguarded');
    expect(namesFor(dev, 'GW2')).toEqual([]);
  });

  test('GW3 flags a production gateway whose engine is LOG_ONLY; ENFORCE and non-production are compliant', () => {
    const prod = stackIn('prod');
    const engine = new PolicyEngine(prod, 'Engine');
    new Gateway(prod, 'Shadow', { policyEngine: engine, policyEngineMode: GatewayPolicyEngineMode.LOG_ONLY });
    new Gateway(prod, 'Enforced', { policyEngine: engine });
    expect(namesFor(prod, 'GW3')).toEqual(['AgentCore-GW3']);
    const staging = stackIn('staging');
    l1Gateway(staging, 'Shadow', { arn: ENGINE_ARN, mode: 'LOG_ONLY' });
    expect(namesFor(staging, 'GW3')).toEqual([]);
  });

  test('an escape-hatch override is seen; a configuration hidden by a parameter is not applicable', () => {
    const prod = stackIn('prod');
    const gateway = l1Gateway(prod, 'Overridden', { arn: ENGINE_ARN, mode: 'ENFORCE' });
    gateway.addPropertyOverride('PolicyEngineConfiguration.Mode', 'LOG_ONLY');
    const mode = new CfnParameter(prod, 'Mode');
    l1Gateway(prod, 'Param', { arn: ENGINE_ARN, mode: mode.valueAsString });
    expect(namesFor(prod, 'GW3')).toEqual(['AgentCore-GW3']);
    expect(ruleErrors(prod)).toEqual([]);
  });
});
