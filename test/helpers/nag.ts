import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { AgentCoreChecks } from '../../lib/nag';

/** One cdk-nag finding, flattened for assertions and readable failure messages. */
export interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly paths: string[];
}

/**
 * Runs a cdk-nag 3 pack over a scope after synthesizing its app (so that lazily rendered policies and
 * acknowledgements are final) and returns the findings that were not acknowledged.
 */
export function nagFindings(scope: IConstruct, pack: NagPack = new AwsSolutionsChecks()): Finding[] {
  const root = scope.node.root;
  if (root instanceof App) root.synth();
  const report = pack.validateScope(scope);
  return report.violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'error',
    paths: v.violatingResources.map((r) => r.constructPath ?? ''),
  }));
}

/** The error-level findings of `nagFindings`, formatted one per line (empty when clean). */
export function nagErrors(scope: IConstruct, pack?: NagPack): string[] {
  return nagFindings(scope, pack)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} at ${f.paths.join(', ')}`);
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

/** The service token of hand-written runtime custom resources in rule tests. */
export const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:x';
