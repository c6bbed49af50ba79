import { Annotations, Stack } from 'aws-cdk-lib';
import { checkTemplateLimits } from './aws-limits';

const validated = new WeakSet<Stack>();

/**
 * Makes synthesis of `stack` fail, before anything is deployed, when its template would exceed a CloudFormation or
 * IAM limit (see `checkTemplateLimits`). Registered once per stack by the constructs of this library; the check runs
 * in the validation phase of `app.synth()`, on the template as it will be written (resolved, with aspects applied).
 */
export function validateAwsLimits(stack: Stack): void {
  if (validated.has(stack)) return;
  validated.add(stack);
  stack.node.addValidation({
    validate: () => {
      const internals = stack as unknown as { _toCloudFormation?: () => unknown; _suppressTemplateIndentation?: boolean };
      const render = internals._toCloudFormation;
      if (typeof render !== 'function') {
        Annotations.of(stack).addWarningV2('cdk-agentcore:aws-limits-unchecked',
          'This aws-cdk-lib version does not let cdk-agentcore render the template before synthesis, so CloudFormation and IAM limits are not checked at synth.');
        return [];
      }
      const template = render.call(stack);
      // Written the way aws-cdk-lib's synthesizer writes it (one-space indent unless suppressed): CloudFormation counts those bytes.
      const indent = internals._suppressTemplateIndentation ? undefined : 1;
      const bytes = Buffer.byteLength(JSON.stringify(template, undefined, indent), 'utf8');
      return checkTemplateLimits(template, bytes).map((v) => v.message);
    },
  });
}
