import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { checkSsmPrefix } from './ssm-prefix';
import { AgentCoreEnvironment } from '../environment/agentcore-environment';
import { ENVIRONMENT_NAME, environmentSsmRoot } from '../private/contract';
import { grantReadParameterPath } from '../private/ssm-paths';
import { ValidationErrors } from '../private/validation';

/** Properties of an `AgentCoreParameters` reader. */
export interface AgentCoreParametersProps {
  /**
   * The environment the parameters were published for, e.g. `prod`, when it is not the reader's own.
   *
   * @default AgentCoreEnvironment.of(this)
   */
  readonly environment?: string;

  /**
   * The root the components' prefixes are under (the whole path: give it or `environment`, not both).
   *
   * @default `/agentcore/<environment>/`
   */
  readonly root?: string;
}

/**
 * Reads the identifiers that cdk-agentcore constructs published with `addSsmOutputs()`, from another stack or app.
 *
 * Values are resolved by CloudFormation at deploy time (`AWS::SSM::Parameter::Value<String>` parameters), so the
 * consumer does not depend on the producer's stack outputs.
 *
 * @example
 * const params = new AgentCoreParameters(this, 'AgentCore');
 * const runtimeArn = params.value('runtime', 'agent_runtime_arn');
 */
export class AgentCoreParameters extends Construct {
  /** The root of the parameters, e.g. `/agentcore/prod/`. */
  public readonly root: string;

  constructor(scope: Construct, id: string, props: AgentCoreParametersProps = {}) {
    super(scope, id);
    const errors = new ValidationErrors();
    errors.pattern('environment', props.environment, ENVIRONMENT_NAME, ENVIRONMENT_NAME.source);
    checkSsmPrefix('root', props.root, errors);
    if (props.root !== undefined && props.environment !== undefined) {
      errors.addMessage('give environment or root, not both: root replaces the whole path, so the environment would be ignored');
    }
    errors.throwIfAny(this, 'AgentCoreParameters props');
    this.root = props.root ?? environmentSsmRoot(props.environment ?? AgentCoreEnvironment.of(this));
  }

  /** The full name of a parameter, e.g. `parameterName('runtime', 'agent_runtime_arn')`. */
  public parameterName(component: string, key: string): string {
    return `${this.root}${component ? `${component}/` : ''}${key}`;
  }

  /** The value of a parameter, resolved at deploy time. */
  public value(component: string, key: string): string {
    return ssm.StringParameter.valueForStringParameter(this, this.parameterName(component, key));
  }

  /**
   * Allows reading every parameter under the root (`ssm:GetParameter(s)`, `ssm:GetParametersByPath`), e.g. for an SDK
   * script's role.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantReadParameterPath(grantee, this, this.root);
  }
}
