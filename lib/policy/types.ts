/**
 * How a gateway applies its policy engine (`GatewayPolicyEngineMode` of the AgentCore API).
 */
export enum GatewayPolicyEngineMode {
  /**
   * Every tool call is evaluated and allowed or denied by the policies (default deny: a tool call no policy permits is
   * refused, and `forbid` wins over `permit`).
   */
  ENFORCE = 'ENFORCE',

  /**
   * Every tool call is evaluated and the decision is traced, but never enforced: every call goes through. Use it to
   * test new policies against real traffic, never as the steady state of a production gateway (AgentCore-GW3).
   */
  LOG_ONLY = 'LOG_ONLY',
}

/**
 * Whether one policy takes part in the decision the policy engine returns to the gateway (`EnforcementMode`).
 */
export enum PolicyEnforcementMode {
  /** The policy takes part in every decision (the service default). */
  ACTIVE = 'ACTIVE',

  /** The policy is evaluated and its decisions are logged, but it does not change the outcome. */
  LOG_ONLY = 'LOG_ONLY',
}

/**
 * What AgentCore does with the findings of its own policy analyzer when it creates or updates a policy
 * (`PolicyValidationMode`): findings such as "overly permissive" or "never applies".
 */
export enum PolicyValidationMode {
  /** Any finding fails the deployment of the policy (the service default). */
  FAIL_ON_ANY_FINDINGS = 'FAIL_ON_ANY_FINDINGS',

  /** Findings are ignored and the policy is created anyway (AgentCore-POL3). */
  IGNORE_ALL_FINDINGS = 'IGNORE_ALL_FINDINGS',
}

/** Options of `Gateway.addPolicyEngine()`. */
export interface GatewayPolicyEngineOptions {
  /**
   * Whether the gateway enforces the engine's decisions or only logs them.
   *
   * @default GatewayPolicyEngineMode.ENFORCE
   */
  readonly mode?: GatewayPolicyEngineMode;
}

/** How `AgentRuntime.addPolicyEngine()` wires a policy engine into a runtime. */
export interface PolicyEngineWiringOptions {
  /**
   * The environment variable that carries the engine's ARN.
   *
   * @default 'AGENTCORE_POLICY_ENGINE_ARN'
   */
  readonly environmentVariable?: string;
}
