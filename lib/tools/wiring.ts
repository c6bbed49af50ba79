import { Stack } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { BrowserWiringOptions, CodeInterpreterWiringOptions } from './options';
import {
  AWS_MANAGED_BROWSER_ID, AWS_MANAGED_CODE_INTERPRETER_ID, BROWSER_LIVE_VIEW_ACTIONS, BROWSER_SESSION_ACTIONS,
  CODE_INTERPRETER_SESSION_ACTIONS,
} from './perms';
import type { AgentRuntime } from '../agent-runtime/agent-runtime';

/** The id and ARN of a built-in tool, custom or AWS-managed. */
interface ToolIdentity {
  readonly id: string;
  readonly arn: string;
}

/**
 * Gives the runtime a browser: its id in an environment variable, session grants on exactly that browser, and the
 * runtime created after a custom browser. Without `browser`, the AWS-managed `aws.browser.v1`.
 */
export function addBrowser(runtime: AgentRuntime, browser: agentcore.IBrowserCustom | undefined, options: BrowserWiringOptions): iam.Grant {
  const tool = browser
    ? { id: browser.browserId, arn: browser.browserArn }
    : awsManaged(runtime, 'browser', AWS_MANAGED_BROWSER_ID);
  const actions = options.liveView ? [...BROWSER_SESSION_ACTIONS, ...BROWSER_LIVE_VIEW_ACTIONS] : BROWSER_SESSION_ACTIONS;
  return wireTool(runtime, browser, tool, options.environmentVariable ?? 'AGENTCORE_BROWSER_ID', actions);
}

/**
 * Gives the runtime a code interpreter: its id in an environment variable, session grants on exactly that code
 * interpreter, and the runtime created after a custom one. Without `interpreter`, the AWS-managed
 * `aws.codeinterpreter.v1`.
 */
export function addCodeInterpreter(
  runtime: AgentRuntime,
  interpreter: agentcore.ICodeInterpreterCustom | undefined,
  options: CodeInterpreterWiringOptions,
): iam.Grant {
  const tool = interpreter
    ? { id: interpreter.codeInterpreterId, arn: interpreter.codeInterpreterArn }
    : awsManaged(runtime, 'code-interpreter', AWS_MANAGED_CODE_INTERPRETER_ID);
  return wireTool(runtime, interpreter, tool, options.environmentVariable ?? 'AGENTCORE_CODE_INTERPRETER_ID', CODE_INTERPRETER_SESSION_ACTIONS);
}

function wireTool(
  runtime: AgentRuntime,
  custom: agentcore.IBrowserCustom | agentcore.ICodeInterpreterCustom | undefined,
  tool: ToolIdentity,
  environmentVariable: string,
  actions: string[],
): iam.Grant {
  runtime.addEnvironment(environmentVariable, tool.id);
  if (custom) runtime.node.defaultChild!.node.addDependency(custom);
  return iam.Grant.addToPrincipal({ grantee: runtime.role, actions, resourceArns: [tool.arn] });
}

/** AWS-managed tools live in the `aws` account: `arn:<partition>:bedrock-agentcore:<region>:aws:<kind>/<id>`. */
function awsManaged(runtime: AgentRuntime, kind: string, id: string): ToolIdentity {
  return { id, arn: Stack.of(runtime).formatArn({ service: 'bedrock-agentcore', account: 'aws', resource: kind, resourceName: id }) };
}
