import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import {
  AgentCoreActionsUnscoped,
  AgentCoreEvaluationInvokesEveryModel,
  AgentCoreEvaluationReadsEveryLogGroup,
  AgentCoreGatewayNoInboundAuthorization,
  AgentCoreGatewayNoPolicyEngine,
  AgentCoreGatewayPolicyEngineLogOnly,
  AgentCoreMemoryNoCustomerManagedKey,
  AgentCoreMemoryNotRetained,
  AgentCoreModelInvocationUnscoped,
  AgentCorePassRoleUnscoped,
  AgentCorePolicyFindingsIgnored,
  AgentCorePolicyLogOnlyInProduction,
  AgentCorePolicyPermitsEverything,
  AgentCoreRoleTrustConfusedDeputy,
  AgentCoreRoleTrustSharedWithOtherPrincipals,
  AgentCoreRuntimeMutableImageTag,
  AgentCoreRuntimePlaintextSecretEnvironment,
} from './rules';

/**
 * Define a cdk-nag rule pack that enforces least privilege and safe defaults for Amazon Bedrock
 * AgentCore: the trust and permission policies of IAM roles, the runtimes of this library
 * (`Custom::BedrockAgentCoreRuntime`) and the native `AWS::BedrockAgentCore::Runtime`,
 * `Memory`, `Gateway` and `Policy` resources.
 *
 * Rule ids are `AgentCore-<CODE>` (ROLE1, ROLE2, IAM1, IAM2, IAM3, RT1, RT2, GW1, GW2, GW3, MEM1, MEM2, POL1,
 * POL2, POL3, EVAL1, EVAL2) and
 * are stable. Rules with several findings per resource report `AgentCore-<CODE>[<finding>]`, for
 * example `AgentCore-IAM2[Action::bedrock-agentcore:*]`, so one finding can be acknowledged on
 * its own with `Validations.of(construct).acknowledge({ id, reason })`.
 *
 * Register the pack with `Validations.of(app).addPlugins(new AgentCoreChecks(app))`. Error-level
 * findings then fail `cdk synth` (the CLI exits non-zero) and every finding is listed in
 * `policy-validation-report.json`. In tests, call `validateScope(app)` and read the violations.
 *
 * @example
 * import { App, Stack, Validations } from 'aws-cdk-lib';
 * import { AgentCoreChecks } from 'cdk-agentcore';
 *
 * const app = new App();
 * const stack = new Stack(app, 'Agents');
 * // ... AgentCore runtimes, memories, gateways and roles ...
 * Validations.of(app).addPlugins(new AgentCoreChecks(app));
 *
 * // Accept one finding, with a reason, on the construct that has it (or an ancestor):
 * Validations.of(stack).acknowledge({
 *   id: 'AgentCore-MEM2',
 *   reason: 'Development stack; the memory holds no customer data.',
 * });
 */
export class AgentCoreChecks extends NagPack {
  /**
   * The plugin name shown in the validation report.
   */
  public readonly name: string = 'AgentCore';

  /**
   * Define the pack. Register it with `Validations.of(scope).addPlugins(pack)`.
   *
   * @param scope the app or stage you register the pack on (optional, as in every cdk-nag 3 pack).
   * @param props cdk-nag pack options (`verbose`, `writeSuppressionsToCloudFormation`); cdk-nag
   * defaults apply when omitted (short descriptions, no suppression metadata in the template).
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'AgentCore';
  }

  /**
   * Apply every AgentCore rule to one resource.
   *
   * @param node the CfnResource to check
   */
  protected checkResource(node: CfnResource): void {
    this.checkRoles(node);
    this.checkPolicies(node);
    this.checkRuntimes(node);
    this.checkGateways(node);
    this.checkMemories(node);
    this.checkCedarPolicies(node);
    this.checkEvaluations(node);
  }

  private checkRoles(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'ROLE1',
      info: 'The IAM role can be assumed by bedrock-agentcore.amazonaws.com without both aws:SourceAccount and aws:SourceArn conditions.',
      explanation: 'Without these conditions any AgentCore resource, in any account, that is given the role ARN can act as the role (the cross-service confused deputy). '
        + 'Add "StringEquals": { "aws:SourceAccount": "<account>" } and "ArnLike": { "aws:SourceArn": "arn:<partition>:bedrock-agentcore:<region>:<account>:*" } '
        + 'to every trust statement that names the AgentCore service principal.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreRoleTrustConfusedDeputy,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'ROLE2',
      info: 'The IAM role that AgentCore assumes can also be assumed by other principals.',
      explanation: 'An AgentCore execution role holds the permissions of the agent. Sharing it with other services, accounts or users widens who can act as the agent '
        + 'and makes its permissions the union of all uses. Create one role per AgentCore resource and trust only bedrock-agentcore.amazonaws.com.',
      level: NagMessageLevel.WARN,
      rule: AgentCoreRoleTrustSharedWithOtherPrincipals,
      node,
    });
  }

  private checkPolicies(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'IAM1',
      info: 'The IAM policy allows bedrock:InvokeModel* on all resources or on every foundation model.',
      explanation: 'An agent should invoke only the models it is built for. Scope the statement to the foundation-model and inference-profile ARNs it uses, '
        + 'for example arn:aws:bedrock:<region>::foundation-model/anthropic.claude-sonnet-4-*, not "*" or foundation-model/*.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreModelInvocationUnscoped,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'IAM2',
      info: 'The IAM policy allows AgentCore actions through a wildcard, or on Resource "*" for actions that support resource-level permissions.',
      explanation: 'bedrock-agentcore:* and prefixes such as bedrock-agentcore:Get* grant actions added later and data-plane access to every memory, runtime and gateway. '
        + 'List the actions explicitly and scope them to the runtime, memory, gateway or workload-identity ARNs. Only actions without resource-level permissions '
        + '(ListAgentRuntimes, ListMemories, CreateMemory, ...) belong on "*".',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreActionsUnscoped,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'IAM3',
      info: 'The IAM policy allows iam:PassRole on every role or without an iam:PassedToService condition.',
      explanation: 'iam:PassRole decides which permissions a principal can hand to a service; unscoped it lets the principal start an AgentCore runtime, or any other '
        + 'service, with any role in the account. Scope the resource to the execution role ARNs and add '
        + '"StringEquals": { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" }.',
      level: NagMessageLevel.ERROR,
      rule: AgentCorePassRoleUnscoped,
      node,
    });
  }

  private checkRuntimes(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'RT1',
      info: 'The AgentCore runtime references its container image by a mutable tag (":latest", ":main", ":prod" and the like, or no tag).',
      explanation: 'A mutable tag makes the deployed code depend on what was pushed last, and a redeploy or a new runtime version can silently pick up another image. '
        + 'Reference the image by digest (@sha256:...) or by an immutable tag, such as the asset hash that DockerImageAsset uses, in an ECR repository with '
        + 'tag immutability enabled.',
      level: NagMessageLevel.WARN,
      rule: AgentCoreRuntimeMutableImageTag,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RT2',
      info: 'The AgentCore runtime sets an environment variable to a credential in plain text (by its name, or by a value such as a URL with a password, an access key id or a token).',
      explanation: 'Environment variables are stored in plain text in the template and in the runtime configuration, and GetAgentRuntime returns them to anyone allowed '
        + 'to read it. Store the secret in AWS Secrets Manager, grant the execution role secretsmanager:GetSecretValue on it (secret.grantRead(role)), and pass '
        + 'the secret ARN or name instead (for example API_KEY_SECRET_ARN); or use an AgentCore Identity credential provider.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreRuntimePlaintextSecretEnvironment,
      node,
    });
  }

  private checkGateways(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'GW1',
      info: 'The AgentCore gateway has no inbound authorization (AuthorizerType NONE).',
      explanation: 'Anyone who can reach the gateway URL can list and call its tools, with the credentials of the gateway role. Use AWS_IAM or CUSTOM_JWT '
        + '(for example a Cognito user pool or another OIDC provider) as the inbound authorizer.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreGatewayNoInboundAuthorization,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'GW2',
      info: 'The AgentCore gateway of a production environment has no policy engine (PolicyEngineConfiguration).',
      explanation: 'Without a policy engine, every caller the inbound authorizer lets in may call every tool with any arguments. Attach a policy engine with Cedar '
        + 'policies that name who may call which tool (gateway.addPolicyEngine(engine)). The environment is production when the cdk-agentcore:environment context '
        + '(AgentCoreEnvironment) has a word prod or production.',
      level: NagMessageLevel.WARN,
      rule: AgentCoreGatewayNoPolicyEngine,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'GW3',
      info: 'The AgentCore gateway of a production environment runs its policy engine in LOG_ONLY mode.',
      explanation: 'In LOG_ONLY mode the gateway evaluates the Cedar policies but lets every tool call through; the guardrails only log. Test new policies in LOG_ONLY '
        + 'outside production (or one policy at a time with its own EnforcementMode LOG_ONLY) and run production gateways with Mode ENFORCE.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreGatewayPolicyEngineLogOnly,
      node,
    });
  }

  private checkMemories(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'MEM1',
      info: 'The AgentCore memory is deleted when it is removed from the stack or replaced (DeletionPolicy/UpdateReplacePolicy is not Retain).',
      explanation: 'A memory holds the events and long-term records of your users; a refactoring, a renamed construct or a replacement would delete them for good. '
        + 'Apply RemovalPolicy.RETAIN (memory.applyRemovalPolicy(RemovalPolicy.RETAIN)) and delete retained memories deliberately.',
      level: NagMessageLevel.WARN,
      rule: AgentCoreMemoryNotRetained,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'MEM2',
      info: 'The AgentCore memory is not encrypted with a customer managed KMS key (EncryptionKeyArn is not set).',
      explanation: 'With a customer managed key you control and audit who can decrypt user data, and you can revoke access by disabling the key. '
        + 'Pass a KMS key (EncryptionKeyArn / kmsKey) and grant the memory execution role access to it.',
      level: NagMessageLevel.WARN,
      rule: AgentCoreMemoryNoCustomerManagedKey,
      node,
    });
  }

  private checkCedarPolicies(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'POL1',
      info: 'The Cedar policy permits every action to every principal without conditions.',
      explanation: 'permit(principal, action, resource); (or a permit of the CallTool or Mcp group) turns the policy engine off for every gateway that uses it, '
        + 'including for tools added later. Name the principals, the tool actions (AgentCore::Action::"<target>___<tool>") and the gateway, and add conditions '
        + 'on the tool arguments (context.input) where they matter.',
      level: NagMessageLevel.ERROR,
      rule: AgentCorePolicyPermitsEverything,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'POL2',
      info: 'The Cedar policy of a production environment is in LOG_ONLY enforcement mode.',
      explanation: 'A LOG_ONLY policy is evaluated and logged but does not take part in decisions. It is the way to observe a new policy against real traffic; '
        + 'switch it to ACTIVE once its decisions are right, or acknowledge the finding while you observe it.',
      level: NagMessageLevel.WARN,
      rule: AgentCorePolicyLogOnlyInProduction,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'POL3',
      info: 'The Cedar policy is created with ValidationMode IGNORE_ALL_FINDINGS.',
      explanation: 'AgentCore analyzes every policy against the Cedar schema of the gateway tools and reports overly permissive policies and policies that never '
        + 'apply. IGNORE_ALL_FINDINGS creates such policies anyway. Keep the default FAIL_ON_ANY_FINDINGS and fix the policy instead.',
      level: NagMessageLevel.WARN,
      rule: AgentCorePolicyFindingsIgnored,
      node,
    });
  }

  private checkEvaluations(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'EVAL1',
      info: 'The execution role of the AgentCore online evaluation config can read every log group of the account.',
      explanation: 'An online evaluation reads the traces of the runtimes it evaluates and the aws/spans log group, nothing else. A role that can query every '
        + 'log group exposes the logs of every workload in the account to the evaluation service and to anyone who can configure evaluations. Scope '
        + 'logs:StartQuery to aws/spans and the runtime log groups (/aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>), for example with EvaluationRole or OnlineEvaluation.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreEvaluationReadsEveryLogGroup,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'EVAL2',
      info: 'The execution role of the AgentCore online evaluation config can invoke every foundation model or inference profile.',
      explanation: 'Built-in evaluators need no model permission and a custom LLM-as-a-judge evaluator needs its own judge model only. An unscoped role lets every '
        + 'evaluator, including ones added later, run any model at the account\'s expense. Grant the judge models exactly (EvaluationRole judgeModels, or '
        + 'OnlineEvaluation, which reads them from the evaluators), instead of the default role of aws-cdk-lib\'s OnlineEvaluationConfig.',
      level: NagMessageLevel.ERROR,
      rule: AgentCoreEvaluationInvokesEveryModel,
      node,
    });
  }
}
