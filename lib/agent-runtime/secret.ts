import { Annotations, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { PARAMETER_ARN, PARAMETER_NAME, SECRET_ARN } from '../private/contract';
import { ValidationErrors } from '../private/validation';

/** Options for a secret held in an SSM SecureString parameter. */
export interface RuntimeSecretParameterOptions {
  /**
   * The customer managed KMS key the parameter is encrypted with: the runtime's role gets `kms:Decrypt` on it, through
   * SSM only (`kms:ViaService`). The key policy must allow the account's IAM policies (the default key policy does).
   *
   * @default - the parameter's own `encryptionKey` if it has one (`StringParameter.fromSecureStringParameterAttributes`
   * with `encryptionKey`), else none: right for the AWS managed key `alias/aws/ssm`, whose key policy already lets
   * SSM decrypt for callers of the account
   */
  readonly encryptionKey?: kms.IKey;
}

/** What a secret gives the runtime once bound: the ARN its reference names, and the JSON key to read. */
export interface RuntimeSecretConfig {
  /**
   * The ARN the agent calls Secrets Manager or SSM with: a secret's ARN (partial for a secret imported by name) or a
   * parameter's ARN.
   */
  readonly arn: string;

  /**
   * The key to read from a JSON secret.
   *
   * @default - the whole secret value
   */
  readonly jsonField?: string;
}

/**
 * A secret the agent reads at run time, never at deploy time: the container gets only a reference to it
 * (`agentcore-secret:<ARN>[#<JSON key>]` in the environment variable of its name, see `AgentRuntimeProps.secrets`),
 * and the runtime's role gets exactly the right to read it. The value never appears in the template, the provider's
 * logs, the Step Functions execution history or the runtime's configuration.
 *
 * @example
 * new AgentRuntime(this, 'Agent', {
 *   artifact,
 *   secrets: {
 *     DATABASE_PASSWORD: RuntimeSecret.fromSecretsManager(dbSecret, 'password'),
 *     OPENAI_API_KEY: RuntimeSecret.fromSsmParameterName('/agents/openai-api-key'),
 *   },
 * });
 */
export abstract class RuntimeSecret {
  /**
   * A Secrets Manager secret, or one key of a JSON secret. The role gets `secretsmanager:GetSecretValue` on that
   * secret (a secret imported by name or partial ARN is matched with the `-??????` suffix Secrets Manager appends),
   * and `kms:Decrypt` through Secrets Manager on its `encryptionKey`, when it has one.
   *
   * @param secret the secret
   * @param jsonField the key to read from a JSON secret, e.g. `password` of an RDS secret
   */
  public static fromSecretsManager(secret: secretsmanager.ISecret, jsonField?: string): RuntimeSecret {
    return new SecretsManagerSecret(secret, jsonField);
  }

  /**
   * An SSM SecureString parameter, e.g. `ssm.StringParameter.fromSecureStringParameterAttributes(...)`. The role gets
   * `ssm:GetParameter` on that parameter and `kms:Decrypt` through SSM on its key (see `encryptionKey`). A `String`
   * parameter is accepted with a warning: its value is not encrypted.
   */
  public static fromSsmParameter(parameter: ssm.IParameter, options: RuntimeSecretParameterOptions = {}): RuntimeSecret {
    const own = 'encryptionKey' in parameter ? (parameter as { encryptionKey?: kms.IKey }).encryptionKey : undefined;
    if (options.encryptionKey !== undefined && own !== undefined && options.encryptionKey !== own) {
      throw new Error(`RuntimeSecret.fromSsmParameter(${parameter.node.path}): encryptionKey differs from the parameter's own encryptionKey; give it in one place.`);
    }
    const key = options.encryptionKey ?? own;
    return new ParameterSecret({ arn: parameter.parameterArn, type: parameter.parameterType, encryptionKey: key });
  }

  /**
   * An SSM SecureString parameter of the runtime's account and Region, by name (`/agents/openai-api-key` or
   * `openai-api-key`). The role gets `ssm:GetParameter` on it and `kms:Decrypt` through SSM on `encryptionKey`.
   */
  public static fromSsmParameterName(parameterName: string, options: RuntimeSecretParameterOptions = {}): RuntimeSecret {
    return new ParameterSecret({ name: parameterName, encryptionKey: options.encryptionKey });
  }

  /**
   * An SSM SecureString parameter by ARN, e.g. one shared from another account
   * (`arn:aws:ssm:<region>:<account>:parameter/<name>`). The role gets `ssm:GetParameter` on it and `kms:Decrypt`
   * through SSM on `encryptionKey`.
   */
  public static fromSsmParameterArn(parameterArn: string, options: RuntimeSecretParameterOptions = {}): RuntimeSecret {
    return new ParameterSecret({ arn: parameterArn, encryptionKey: options.encryptionKey });
  }

  /**
   * Grants `grantee` exactly the right to read the secret, and returns what its reference names.
   *
   * @param scope where errors and warnings are reported and ARNs are formatted
   * @param grantee the runtime's role
   */
  public abstract bind(scope: Construct, grantee: iam.IGrantable): RuntimeSecretConfig;
}

class SecretsManagerSecret extends RuntimeSecret {
  constructor(private readonly secret: secretsmanager.ISecret, private readonly jsonField?: string) {
    super();
  }

  public bind(scope: Construct, grantee: iam.IGrantable): RuntimeSecretConfig {
    const errors = new ValidationErrors();
    errors.pattern('secret', this.secret.secretArn, SECRET_ARN, 'a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>)');
    if (this.jsonField !== undefined) errors.length('jsonField', this.jsonField, 1, 256);
    errors.throwIfAny(scope, 'RuntimeSecret.fromSecretsManager() arguments');
    // A complete ARN ends in the 6 characters Secrets Manager appends to the name; a partial one does not.
    const resourceArn = this.secret.secretFullArn ?? `${this.secret.secretArn}-??????`;
    iam.Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue'], resourceArns: [resourceArn] });
    grantDecryptVia(grantee, scope, this.secret.encryptionKey, 'secretsmanager', this.secret.secretArn);
    return { arn: this.secret.secretArn, jsonField: this.jsonField };
  }
}

interface ParameterSource {
  readonly arn?: string;
  readonly name?: string;
  /** `String` or `SecureString`, when known. */
  readonly type?: string;
  readonly encryptionKey?: kms.IKey;
}

class ParameterSecret extends RuntimeSecret {
  constructor(private readonly source: ParameterSource) {
    super();
  }

  public bind(scope: Construct, grantee: iam.IGrantable): RuntimeSecretConfig {
    const arn = this.source.arn ?? parameterArnOf(scope, this.source.name!);
    const errors = new ValidationErrors();
    errors.pattern('parameterArn', this.source.arn, PARAMETER_ARN, 'an SSM parameter ARN (arn:<partition>:ssm:<region>:<account>:parameter/<name>)');
    errors.throwIfAny(scope, 'RuntimeSecret SSM parameter');
    if (this.source.type !== undefined && !Token.isUnresolved(this.source.type) && this.source.type !== 'SecureString') {
      Annotations.of(scope).addWarningV2('cdk-agentcore:secret-not-secure-string',
        `The secret parameter ${arn} is a ${this.source.type} parameter: SSM stores its value unencrypted. Store secrets as SecureString parameters.`);
    }
    iam.Grant.addToPrincipal({ grantee, actions: ['ssm:GetParameter'], resourceArns: [arn] });
    grantDecryptVia(grantee, scope, this.source.encryptionKey, 'ssm', arn);
    return { arn };
  }
}

/** The ARN of a parameter of the stack's account and Region, from its name (with or without the leading `/`). */
function parameterArnOf(scope: Construct, name: string): string {
  const errors = new ValidationErrors();
  if (Token.isUnresolved(name)) {
    errors.add('parameterName', name, 'is a token; use RuntimeSecret.fromSsmParameterArn() or fromSsmParameter() instead');
  } else if (name.startsWith('arn:')) {
    errors.add('parameterName', name, 'is an ARN; use RuntimeSecret.fromSsmParameterArn()');
  } else {
    errors.pattern('parameterName', name, PARAMETER_NAME, "an SSM parameter name: letters, digits, '_', '.', '-' and '/' (e.g. '/agents/openai-api-key')");
  }
  errors.throwIfAny(scope, 'RuntimeSecret.fromSsmParameterName() argument');
  return Stack.of(scope).formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, ''), arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

/**
 * Grants `kms:Decrypt` on a customer managed key, only through the service that stores the secret
 * (`kms:ViaService` = `<service>.<region of the secret>.<URL suffix>`).
 */
function grantDecryptVia(grantee: iam.IGrantable, scope: Construct, key: kms.IKey | undefined, service: string, arn: string): void {
  if (key === undefined) return;
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(arn) ? stack.region : arn.split(':')[3];
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kms:Decrypt'],
    resourceArns: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.${stack.urlSuffix}` } },
  });
}
