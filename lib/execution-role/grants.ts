import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import type { BaselinePolicy } from './baseline-policy';
import type { BedrockModel } from './bedrock-model';
import { ECR_PULL_ACTIONS, LAMBDA_INVOKE_ACTIONS, MODEL_INVOKE_ACTIONS } from './perms';
import { acknowledgeWildcardResources } from '../private/nag';
import { grantReadParameterPath } from '../private/ssm-paths';

/**
 * The grant logic shared by `ExecutionRole` and imported execution roles. Every grant names exact resources; the
 * few wildcards that remain are acknowledged for cdk-nag with the exact finding id, on `ackScope`.
 */
export class ExecutionRoleGrants {
  constructor(
    private readonly role: iam.IRole,
    private readonly ackScope: IConstruct,
    private readonly baseline: () => BaselinePolicy,
    private readonly environment: string,
  ) {}

  public invokeModel(models: BedrockModel[]): iam.Grant {
    if (models.length === 0) {
      throw new Error(`${this.ackScope.node.path}: grantInvokeModel() needs at least one model, e.g. BedrockModel.foundationModel('anthropic.claude-3-5-haiku-20241022-v1:0').`);
    }
    const resourceArns = unique(models.flatMap((m) => m.resourceArns(this.ackScope)));
    const regionWildcards = models.filter((m) => m.anyRegion).flatMap((m) => m.resourceArns(this.ackScope));
    acknowledgeWildcardResources(this.ackScope, regionWildcards,
      'Cross-region inference profiles route to the same foundation model in Regions chosen by Bedrock; the model id is exact and only the Region is a wildcard. Pass destinationRegions to list them.');
    return iam.Grant.addToPrincipal({ grantee: this.role, actions: MODEL_INVOKE_ACTIONS, resourceArns });
  }

  public pullImage(repository: ecr.IRepository): iam.Grant {
    this.baseline().allowEcrToken();
    return iam.Grant.addToPrincipal({ grantee: this.role, actions: ECR_PULL_ACTIONS, resourceArns: [repository.repositoryArn] });
  }

  public readParameters(path?: string): iam.Grant {
    return grantReadParameterPath(this.role, this.ackScope, path ?? `/agentcore/${this.environment}/`);
  }

  public invokeLambda(fn: lambda.IFunction): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee: this.role, actions: LAMBDA_INVOKE_ACTIONS, resourceArns: [fn.functionArn] });
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
