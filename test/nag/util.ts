import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AgentCoreChecks } from '../../lib/nag';

/** A fresh app and stack with a fixed environment. */
export function newStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
  return { app, stack };
}

/** The rule names (with findings) that the AgentCore pack reports for a scope. */
export function ruleNames(scope: IConstruct): string[] {
  const report = new AgentCoreChecks().validateScope(scope);
  return report.violations.map((v) => v.ruleName);
}

/** The rule names reported for one rule code, e.g. `IAM2` → `['AgentCore-IAM2[Action::…]']`. */
export function namesFor(scope: IConstruct, code: string): string[] {
  return ruleNames(scope).filter((n) => n === `AgentCore-${code}` || n.startsWith(`AgentCore-${code}[`));
}

/** Violations whose description says a rule threw (must never happen). */
export function ruleErrors(scope: IConstruct): string[] {
  const report = new AgentCoreChecks(undefined, { verbose: true }).validateScope(scope);
  return report.violations.filter((v) => v.description.startsWith('Rule threw')).map((v) => `${v.ruleName}: ${v.description}`);
}

export const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:x';
