import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

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

/** A stack in a fixed account and Region, the way most tests need one. */
export function testStack(id = 'TestStack'): Stack {
  const app = new App();
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
}
