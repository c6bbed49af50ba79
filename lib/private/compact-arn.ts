import { Arn, ArnComponents, Fn, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * `stack.formatArn(components)` rendered as one `Fn::Sub` string (`arn:${AWS::Partition}:logs:…`) instead of an
 * `Fn::Join` of parts: the same ARN, the same cdk-nag finding id (cdk-nag flattens both to `arn:<AWS::Partition>:…`),
 * a third of the template bytes. Used for the statements every execution role repeats.
 *
 * Falls back to `formatArn` when a component other than the partition, Region or account is a token.
 */
export function compactArn(scope: IConstruct, components: ArnComponents): string {
  const stack = Stack.of(scope);
  const literal = (value: string | undefined, pseudo: string) => (value === undefined || Token.isUnresolved(value) ? `\${${pseudo}}` : value);
  const parts = {
    ...components,
    partition: components.partition ?? literal(stack.partition, 'AWS::Partition'),
    region: components.region ?? literal(stack.region, 'AWS::Region'),
    account: components.account ?? literal(stack.account, 'AWS::AccountId'),
  };
  if (Object.values(parts).some((v) => typeof v === 'string' && Token.isUnresolved(v))) return stack.formatArn(components);
  const arn = Arn.format(parts);
  return arn.includes('${') ? Fn.sub(arn) : arn;
}
