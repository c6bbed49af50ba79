import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { BaselinePolicy } from './baseline-policy';
import type { BedrockModel } from './bedrock-model';
import { ECR_PULL_ACTIONS, LAMBDA_INVOKE_ACTIONS, MODEL_INVOKE_ACTIONS, SSM_READ_ACTIONS } from './perms';
import { acknowledgeWildcardResources } from '../private/nag';
import { ValidationErrors } from '../private/validation';

/** An SSM path prefix: `/a/b/`, letters, digits and `_.-`, at most 15 levels (the SSM hierarchy limit). */
const SSM_PATH = /\/([a-zA-Z0-9_.-]+\/){1,15}/;

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
    const prefix = path ?? `/agentcore/${this.environment}/`;
    const errors = new ValidationErrors();
    errors.pattern('path', prefix, SSM_PATH, 'an SSM path prefix such as \'/agentcore/dev/\' (leading and trailing \'/\', letters, digits, \'_\', \'.\', \'-\', at most 15 levels)');
    errors.throwIfAny(this.ackScope, 'grantReadParameters() argument');
    const base = Token.isUnresolved(prefix) ? prefix : prefix.replace(/\/$/, '');
    const stack = Stack.of(this.ackScope);
    const parameter = (name: string) => stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') });
    const resourceArns = [parameter(base), parameter(`${base}/*`)];
    acknowledgeWildcardResources(this.ackScope, resourceArns,
      `Reads the parameters published under ${prefix} (GetParametersByPath needs the path itself; the wildcard stays below the path).`);
    return iam.Grant.addToPrincipal({ grantee: this.role, actions: SSM_READ_ACTIONS, resourceArns });
  }

  public invokeLambda(fn: lambda.IFunction): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee: this.role, actions: LAMBDA_INVOKE_ACTIONS, resourceArns: [fn.functionArn] });
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
