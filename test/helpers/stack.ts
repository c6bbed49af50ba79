import { App, Stack, StackProps } from 'aws-cdk-lib';
import { ACCOUNT, REGION } from './fixtures';

/** The account and the Region of every test stack (defined with the other shared fixtures). */
export { ACCOUNT, REGION };

/** How CDK renders the partition in an ARN it builds. */
export const PARTITION = { Ref: 'AWS::Partition' };

/** Options of `testStack`. */
export interface TestStackOptions extends StackProps {
  /** The app to add the stack to (for several stacks in one app); a new app by default. */
  readonly app?: App;
}

/** A stack in a fixed account and Region (`ACCOUNT`, `REGION`), in a new app unless one is given. */
export function testStack(id = 'TestStack', options: TestStackOptions = {}): Stack {
  const { app = new App(), ...props } = options;
  return new Stack(app, id, { env: { account: ACCOUNT, region: REGION }, ...props });
}

/** A stack without an account and Region: both are tokens (`AWS::AccountId`, `AWS::Region`). */
export function agnosticStack(id = 'Agnostic'): Stack {
  return new Stack(new App(), id);
}
