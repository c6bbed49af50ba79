/**
 * What an agent needs to drive a browser session: start, read and stop sessions, and connect to the automation
 * stream (the WebSocket that Playwright or browser-use speak CDP over).
 */
export const BROWSER_SESSION_ACTIONS = [
  'bedrock-agentcore:StartBrowserSession',
  'bedrock-agentcore:GetBrowserSession',
  'bedrock-agentcore:StopBrowserSession',
  'bedrock-agentcore:ConnectBrowserAutomationStream',
];

/** What a human watching or taking over a browser session through the agent needs in addition (live view). */
export const BROWSER_LIVE_VIEW_ACTIONS = [
  'bedrock-agentcore:ConnectBrowserLiveViewStream',
  'bedrock-agentcore:UpdateBrowserStream',
];

/** What an agent needs to run code: start, read and stop sessions, and invoke the interpreter in them. */
export const CODE_INTERPRETER_SESSION_ACTIONS = [
  'bedrock-agentcore:StartCodeInterpreterSession',
  'bedrock-agentcore:GetCodeInterpreterSession',
  'bedrock-agentcore:InvokeCodeInterpreter',
  'bedrock-agentcore:StopCodeInterpreterSession',
];

/** The id of the AWS-managed browser every account has in every AgentCore Region. */
export const AWS_MANAGED_BROWSER_ID = 'aws.browser.v1';

/** The id of the AWS-managed code interpreter every account has in every AgentCore Region. */
export const AWS_MANAGED_CODE_INTERPRETER_ID = 'aws.codeinterpreter.v1';
