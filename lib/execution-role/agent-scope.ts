import { Annotations, ArnFormat, Lazy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LOG_GROUP_ACTIONS, LOG_STREAM_ACTIONS, WORKLOAD_TOKEN_ACTIONS, WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS } from './perms';
import { compactArn } from '../private/compact-arn';
import { RUNTIME_LOG_GROUP_PREFIX } from '../private/contract';
import { WildcardAcknowledgements } from '../private/nag';
import { NamePattern } from '../private/name-pattern';

/** How an `AgentScope` is set up. */
export interface AgentScopeProps {
  /** A prefix every agent name must start with. */
  readonly agentNamePrefix?: string;
  /** Also grant `GetWorkloadAccessTokenForUserId`. */
  readonly workloadIdentityForUserId: boolean;
}

/**
 * The runtime logs and workload-identity tokens of an execution role, scoped to the agents (runtimes) that use it
 * by one name glob (see `NamePattern`): two statements in the role's own policy whatever the number of agents, and
 * their cdk-nag acknowledgements for exactly the glob in use.
 */
export class AgentScope {
  private readonly pattern: NamePattern;
  private readonly logAcks: WildcardAcknowledgements;
  private readonly identityAcks: WildcardAcknowledgements;
  private glob?: string;
  private warned = false;

  constructor(private readonly role: iam.Role, props: AgentScopeProps) {
    this.pattern = new NamePattern(props.agentNamePrefix);
    this.logAcks = new WildcardAcknowledgements(role);
    this.identityAcks = new WildcardAcknowledgements(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'RuntimeLogs',
      actions: [...LOG_GROUP_ACTIONS, ...LOG_STREAM_ACTIONS],
      // `<glob>` ends in `*`, which also matches the log streams (`…:log-stream:<name>`) of those groups.
      resources: [Lazy.uncachedString({ produce: () => this.logGroupArn() })],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WorkloadIdentityTokens',
      actions: [...WORKLOAD_TOKEN_ACTIONS, ...(props.workloadIdentityForUserId ? WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS : [])],
      resources: [this.directoryArn(), Lazy.uncachedString({ produce: () => this.identityArn() })],
    }));
    this.refresh();
  }

  /** Adds an agent (runtime) name; throws when it does not start with the role's agent name prefix. */
  public add(agentName: string): void {
    const known = !Token.isUnresolved(agentName);
    const error = this.pattern.add(agentName, known);
    if (error) {
      throw new Error(`${this.role.node.path}: the runtime name ${error} of this ExecutionRole; name the runtime with that prefix, or give the runtime its own role.`);
    }
    if (this.pattern.unbounded && this.pattern.fixedPrefix === undefined && !this.warned && (!known || this.glob !== '*')) {
      this.warned = true;
      const why = known ? `have names that share no common prefix (the last one added is '${agentName}')` : 'include one whose name is a token';
      Annotations.of(this.role).addWarningV2('cdk-agentcore:execution-role-unscoped',
        `The runtimes that use this ExecutionRole ${why}, so its runtime logs and workload identities are granted for every runtime of the account and Region (${RUNTIME_LOG_GROUP_PREFIX}*). `
        + 'Give the runtimes names with a common prefix (e.g. support_triage, support_billing) or set agentNamePrefix.');
    }
    this.refresh();
  }

  /** Re-acknowledges the wildcards when the glob changed: O(1) whatever the number of agents. */
  private refresh(): void {
    const glob = this.pattern.glob;
    if (glob === this.glob) return;
    this.glob = glob;
    const scoped = !this.pattern.unbounded;
    this.logAcks.replace([this.logGroupArn()], scoped
      ? `AgentCore names each runtime log group ${RUNTIME_LOG_GROUP_PREFIX}<runtime id>-<endpoint>, where the runtime id is the agent name plus a service-generated suffix; '${glob}' covers exactly the agents that use this role (and any other whose name starts the same way), and their log streams.`
      : `No agent name is known, so the documented ${RUNTIME_LOG_GROUP_PREFIX}* log groups (and their streams) are used; pass agentName or agentNamePrefix to narrow them.`);
    this.identityAcks.replace([this.identityArn()], scoped
      ? `A runtime's workload identity is named after the agent plus a service-generated suffix; '${glob}' covers exactly the agents that use this role (and any other whose name starts the same way).`
      : 'No agent name is known, so every workload identity of the default directory is allowed; pass agentName or agentNamePrefix to narrow it.');
  }

  private logGroupArn(): string {
    return compactArn(this.role, {
      service: 'logs', resource: 'log-group', resourceName: `${RUNTIME_LOG_GROUP_PREFIX}${this.pattern.glob}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private directoryArn(): string {
    return compactArn(this.role, { service: 'bedrock-agentcore', resource: 'workload-identity-directory', resourceName: 'default' });
  }

  private identityArn(): string {
    return compactArn(this.role, { service: 'bedrock-agentcore', resource: 'workload-identity-directory', resourceName: `default/workload-identity/${this.pattern.glob}` });
  }
}
