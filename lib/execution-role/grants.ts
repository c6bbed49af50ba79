import { Annotations } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { BedrockModel } from './bedrock-model';
import { ECR_PULL_ACTIONS, ECR_TOKEN_ACTIONS, LAMBDA_INVOKE_ACTIONS, MODEL_INVOKE_ACTIONS } from './perms';
import { executionRoleFacts } from './role-registry';
import { StackBaseline } from './stack-baseline';
import { AgentCoreEnvironment } from '../environment/agentcore-environment';
import { environmentSsmRoot } from '../private/contract';
import { grantLanded } from '../private/grant-landing';
import { acknowledgeFinding, acknowledgeWildcardResources } from '../private/nag';
import { grantReadParameterPath } from '../private/ssm-paths';


/**
 * What an agent may do, granted to the role its runtime assumes: the one implementation of the grant helpers, for
 * every role (an `ExecutionRole`, any `iam.Role`, or a role imported with `iam.Role.fromRoleArn()`).
 *
 * Every grant names exact resources. An `ExecutionRole` keeps them in its own (inline) policy; other roles get them
 * the way aws-cdk-lib adds grants to them (their default policy). A role imported with `mutable: false` takes
 * nothing: each grant then warns at synth (`cdk-agentcore:execution-role-immutable`) with the statement to attach
 * yourself.
 *
 * @example
 * // any role
 * ExecutionRoleGrants.fromRole(iam.Role.fromRoleArn(this, 'Role', roleArn))
 *   .invokeModel(BedrockModel.foundationModel('amazon.nova-pro-v1:0'));
 * // an ExecutionRole or a runtime's role
 * runtime.agentGrants.readParameters();
 */
export class ExecutionRoleGrants {
  /** The grant helpers of any role. */
  public static fromRole(role: iam.IRole): ExecutionRoleGrants {
    return new ExecutionRoleGrants(role);
  }

  private constructor(private readonly role: iam.IRole) {}

  /**
   * Allows invoking the given Bedrock models (`bedrock:InvokeModel`, `bedrock:InvokeModelWithResponseStream`, which
   * also authorize Converse and ConverseStream). A cross-region inference profile grants the profile and the
   * foundation model it routes to.
   */
  public invokeModel(...models: BedrockModel[]): iam.Grant {
    if (models.length === 0) {
      throw new Error(`${this.role.node.path}: invokeModel() needs at least one model, e.g. BedrockModel.foundationModel('anthropic.claude-3-5-haiku-20241022-v1:0').`);
    }
    for (const model of models) {
      if (model._warning) Annotations.of(this.role).addWarningV2('cdk-agentcore:bedrock-model-id', model._warning);
    }
    const resourceArns = [...new Set(models.flatMap((m) => m.resourceArns(this.role)))];
    const grant = this.grant(MODEL_INVOKE_ACTIONS, resourceArns);
    if (this.landed(grant)) {
      acknowledgeWildcardResources(this.role, models.filter((m) => m.anyRegion).flatMap((m) => m.resourceArns(this.role)),
        'Cross-region inference profiles route to the same foundation model in Regions chosen by Bedrock; the model id is exact and only the Region is a wildcard. Pass destinationRegions to list them.');
    }
    return grant;
  }

  /**
   * Allows pulling images from exactly this ECR repository (`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`), plus
   * `ecr:GetAuthorizationToken`, which has no resource-level permissions (in the stack's shared managed policy for an
   * `ExecutionRole`, in a policy of its own for other roles).
   */
  public pullImage(repository: ecr.IRepository): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee: this.role, actions: ECR_PULL_ACTIONS, resourceArns: [repository.repositoryArn] });
    if (!this.landed(grant, `, and ${ECR_TOKEN_ACTIONS.join(', ')} on * (without them AgentCore cannot pull the runtime's image)`)) return grant;
    if (executionRoleFacts(this.role)?.usesStackBaseline) {
      this.role.addManagedPolicy(StackBaseline.of(this.role).ecrToken());
    } else if (!this.role.node.tryFindChild('AgentCoreEcrToken')) {
      // A policy of its own, under the role (so whatever depends on the role waits for it), acknowledged alone.
      const token = new iam.Policy(this.role, 'AgentCoreEcrToken', {
        roles: [this.role],
        statements: [new iam.PolicyStatement({ sid: 'EcrAuthorizationToken', actions: ECR_TOKEN_ACTIONS, resources: ['*'] })],
      });
      acknowledgeFinding(token, 'AwsSolutions-IAM5[Resource::*]',
        'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are granted on the repository alone.');
    }
    return grant;
  }

  /**
   * Allows reading the SSM parameters under one path prefix (`ssm:GetParameter`, `ssm:GetParameters`,
   * `ssm:GetParametersByPath`).
   *
   * @param path the path prefix, with a leading and a trailing `/`. Default: `/agentcore/<environment>/`, where the
   * environment is `AgentCoreEnvironment.of(role)`
   */
  public readParameters(path?: string): iam.Grant {
    const grant = grantReadParameterPath(this.role, this.role, path ?? environmentSsmRoot(AgentCoreEnvironment.of(this.role)));
    this.landed(grant);
    return grant;
  }

  /** Allows invoking exactly this Lambda function (unqualified ARN), e.g. a tool of the agent. */
  public invokeLambda(fn: lambda.IFunction): iam.Grant {
    return this.grant(LAMBDA_INVOKE_ACTIONS, [fn.functionArn]);
  }

  private grant(actions: string[], resourceArns: string[]): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee: this.role, actions, resourceArns });
    this.landed(grant);
    return grant;
  }

  /** Whether the grant reached a policy of the role; warns with what to attach when it did not (`grantLanded`). */
  private landed(grant: iam.Grant, more = ''): boolean {
    return grantLanded(this.role, grant, more);
  }
}
