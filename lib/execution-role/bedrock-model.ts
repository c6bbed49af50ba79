import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { fullMatch } from '../private/validation';

/** Foundation-model ids, e.g. `anthropic.claude-sonnet-4-20250514-v1:0` or `amazon.nova-pro-v1:0`. */
const FOUNDATION_MODEL_ID = /[a-z0-9-]+\.[a-zA-Z0-9][a-zA-Z0-9.:_-]{0,127}/;

/**
 * Geography prefixes of system-defined cross-region inference profiles.
 * `global.` routes to any commercial Region.
 */
const CROSS_REGION_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];

/** Options for a cross-region inference profile. */
export interface InferenceProfileOptions {
  /**
   * The Regions the profile routes requests to. When given, the underlying foundation model is granted in exactly
   * these Regions; otherwise in any Region (`arn:<partition>:bedrock:*::foundation-model/<model id>`), because AWS
   * adds destination Regions to a geography's profiles over time and a stale list fails with AccessDenied.
   *
   * @default - any Region (the model id stays exact)
   */
  readonly destinationRegions?: string[];
}

/**
 * A Bedrock model an agent may invoke: a foundation model, a cross-region inference profile, or any model ARN.
 *
 * Used by `ExecutionRole.grantInvokeModel()` so that grants name exact models, never `*`.
 *
 * @example
 * BedrockModel.foundationModel('anthropic.claude-3-5-haiku-20241022-v1:0');
 * BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0');
 */
export class BedrockModel {
  /**
   * A foundation model in the stack's Region, invoked on demand.
   *
   * @param modelId the model id, e.g. `anthropic.claude-3-5-haiku-20241022-v1:0`
   */
  public static foundationModel(modelId: string): BedrockModel {
    checkModelId('modelId', modelId);
    return new BedrockModel(modelId, (scope) => [foundationModelArn(scope, Stack.of(scope).region, modelId)], false);
  }

  /**
   * A system-defined cross-region inference profile (ids starting with `us.`, `eu.`, `apac.`, `global.`, ...).
   *
   * Grants cover the profile ARN in the stack's Region **and** the foundation model it routes to, which is what
   * Bedrock authorizes for cross-region inference.
   *
   * @param profileId the inference profile id, e.g. `us.anthropic.claude-sonnet-4-20250514-v1:0`
   */
  public static inferenceProfile(profileId: string, options: InferenceProfileOptions = {}): BedrockModel {
    if (Token.isUnresolved(profileId)) {
      throw new Error('BedrockModel.inferenceProfile: profileId must be a literal id such as \'us.anthropic.claude-sonnet-4-20250514-v1:0\' (got a token); use BedrockModel.fromArn() for ARNs known only at deploy time.');
    }
    const dot = profileId.indexOf('.');
    const prefix = profileId.slice(0, dot);
    const modelId = profileId.slice(dot + 1);
    if (dot < 0 || !CROSS_REGION_PREFIXES.includes(prefix)) {
      throw new Error(`BedrockModel.inferenceProfile: profileId '${profileId}' must start with a cross-region prefix (${CROSS_REGION_PREFIXES.map((p) => `'${p}.'`).join(', ')}) followed by a foundation model id.`);
    }
    checkModelId('profileId', modelId, profileId);
    const regions = options.destinationRegions;
    for (const region of regions ?? []) {
      if (!Token.isUnresolved(region) && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
        throw new Error(`BedrockModel.inferenceProfile: destinationRegions entry '${region}' is not a Region name such as 'us-east-1'.`);
      }
    }
    return new BedrockModel(profileId, (scope) => {
      const stack = Stack.of(scope);
      const profileArn = stack.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: profileId });
      const models = (regions ?? ['*']).map((r) => foundationModelArn(scope, r, modelId));
      return [profileArn, ...models];
    }, regions === undefined);
  }

  /**
   * Any model resource by ARN: a provisioned throughput, custom model, imported model or application inference
   * profile. The ARN is granted as given.
   */
  public static fromArn(modelArn: string): BedrockModel {
    if (!Token.isUnresolved(modelArn) && !/^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d{0,12}:[a-z-]+\/.+$/.test(modelArn)) {
      throw new Error(`BedrockModel.fromArn: modelArn '${modelArn}' is not a Bedrock ARN (expected arn:<partition>:bedrock:<region>:<account>:<resource-type>/<id>).`);
    }
    if (!Token.isUnresolved(modelArn) && modelArn.includes('*')) {
      throw new Error(`BedrockModel.fromArn: modelArn '${modelArn}' contains a wildcard; grant exact models so the agent cannot call every model in the account.`);
    }
    return new BedrockModel(modelArn, () => [modelArn], false);
  }

  /** The model id, inference profile id, or ARN this reference was made from. */
  public readonly modelId: string;

  /** Whether the grant uses a Region wildcard (on an exact foundation model id). */
  public readonly anyRegion: boolean;

  private readonly arns: (scope: IConstruct) => string[];

  private constructor(modelId: string, arns: (scope: IConstruct) => string[], anyRegion: boolean) {
    this.modelId = modelId;
    this.arns = arns;
    this.anyRegion = anyRegion;
  }

  /** The ARNs that `bedrock:InvokeModel*` must be allowed on for this model, as seen from `scope`'s stack. */
  public resourceArns(scope: IConstruct): string[] {
    return this.arns(scope);
  }
}

function foundationModelArn(scope: IConstruct, region: string, modelId: string): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', region, account: '', resource: 'foundation-model', resourceName: modelId });
}

function checkModelId(prop: string, modelId: string, shown = modelId): void {
  if (Token.isUnresolved(modelId)) return;
  if (!fullMatch(FOUNDATION_MODEL_ID, modelId)) {
    throw new Error(`BedrockModel: ${prop} '${shown}' is not a Bedrock model id (expected '<provider>.<model>', e.g. 'anthropic.claude-3-5-haiku-20241022-v1:0'; wildcards are not allowed).`);
  }
}
