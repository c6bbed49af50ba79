/** How `AgentRuntime.addBrowser()` wires a browser into a runtime. */
export interface BrowserWiringOptions {
  /**
   * The environment variable that carries the browser id.
   *
   * @default 'AGENTCORE_BROWSER_ID'
   */
  readonly environmentVariable?: string;

  /**
   * Also allow the live view: connecting to the live-view stream and handing control between the agent and a human
   * (`ConnectBrowserLiveViewStream`, `UpdateBrowserStream`). Grant it only if the agent relays the live view to users.
   *
   * @default false
   */
  readonly liveView?: boolean;
}

/** How `AgentRuntime.addCodeInterpreter()` wires a code interpreter into a runtime. */
export interface CodeInterpreterWiringOptions {
  /**
   * The environment variable that carries the code interpreter id.
   *
   * @default 'AGENTCORE_CODE_INTERPRETER_ID'
   */
  readonly environmentVariable?: string;
}
