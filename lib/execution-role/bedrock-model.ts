import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { editDistance } from '../private/edit-distance';
import { fullMatch } from '../private/validation';

/** Foundation-model ids, e.g. `anthropic.claude-sonnet-4-20250514-v1:0` or `amazon.nova-pro-v1:0`. */
const FOUNDATION_MODEL_ID = /[a-z0-9-]+\.[a-zA-Z0-9][a-zA-Z0-9.:_-]{0,127}/;

/**
 * Geography prefixes of system-defined cross-region inference profiles.
 * `global.` routes to any commercial Region.
 */
const CROSS_REGION_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];

/**
 * Model providers of Bedrock foundation-model ids (the part before the first `.`), as listed by Bedrock's
 * supported-models page. A provider one or two letters away from one of these is a typo; any other provider only
 * warns, since Bedrock adds providers.
 */
const MODEL_PROVIDERS = [
  'ai21', 'amazon', 'anthropic', 'cohere', 'deepseek', 'google', 'luma', 'meta', 'minimax', 'mistral', 'moonshot',
  'moonshotai', 'nvidia', 'openai', 'qwen', 'stability', 'twelvelabs', 'writer', 'zai',
];

/** A model id with a release date (`…-20241022-v1`) always carries a version suffix (`:0`) in Bedrock. */
const DATED_WITHOUT_SUFFIX = /-\d{8}-v\d+$/;
/** The version suffix most model ids end with: `-v1:0`, `-v0:2`, `:1`, `:0:28k` (a context-length variant). */
const VERSION_SUFFIX = /:\d+(:[a-z0-9]+)?$/;

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
    if (!Token.isUnresolved(modelId)) {
      const dot = modelId.indexOf('.');
      const geography = modelId.slice(0, dot);
      if (dot > 0 && CROSS_REGION_PREFIXES.includes(geography) && modelId.indexOf('.', dot + 1) > 0) {
        throw new Error(`BedrockModel.foundationModel: '${modelId}' is a cross-region inference profile id ('${geography}.' prefix), which no foundation-model ARN matches; use BedrockModel.inferenceProfile('${modelId}').`);
      }
    }
    const warning = checkModelId('modelId', modelId);
    return new BedrockModel(modelId, (scope) => [foundationModelArn(scope, Stack.of(scope).region, modelId)], false, warning);
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
    const warning = checkModelId('profileId', modelId, profileId);
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
    }, regions === undefined, warning);
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

  /**
   * Why the model id looks wrong without being provably wrong; the grant warns with it.
   * @internal
   */
  public readonly _warning?: string;

  private readonly arns: (scope: IConstruct) => string[];

  private constructor(modelId: string, arns: (scope: IConstruct) => string[], anyRegion: boolean, warning?: string) {
    this.modelId = modelId;
    this.arns = arns;
    this.anyRegion = anyRegion;
    this._warning = warning;
  }

  /** The ARNs that `bedrock:InvokeModel*` must be allowed on for this model, as seen from `scope`'s stack. */
  public resourceArns(scope: IConstruct): string[] {
    return this.arns(scope);
  }
}

function foundationModelArn(scope: IConstruct, region: string, modelId: string): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', region, account: '', resource: 'foundation-model', resourceName: modelId });
}

/**
 * Rejects model ids that can match no foundation-model ARN (bad shape, a release date without the version suffix, a
 * misspelt provider) and returns a warning for ids that only look unusual (an unknown provider, no version suffix).
 */
function checkModelId(prop: string, modelId: string, shown = modelId): string | undefined {
  if (Token.isUnresolved(modelId)) return undefined;
  if (!fullMatch(FOUNDATION_MODEL_ID, modelId)) {
    throw new Error(`BedrockModel: ${prop} '${shown}' is not a Bedrock model id (expected '<provider>.<model>', e.g. 'anthropic.claude-3-5-haiku-20241022-v1:0'; wildcards are not allowed).`);
  }
  if (DATED_WITHOUT_SUFFIX.test(modelId)) {
    throw new Error(`BedrockModel: ${prop} '${shown}' has no version suffix; Bedrock model ids with a release date end with one, e.g. '${shown}:0'. The grant would match no model.`);
  }
  const provider = modelId.slice(0, modelId.indexOf('.'));
  if (!MODEL_PROVIDERS.includes(provider)) {
    const near = MODEL_PROVIDERS.find((p) => editDistance(p, provider) <= (p.length >= 6 ? 2 : 1));
    if (near) {
      throw new Error(`BedrockModel: ${prop} '${shown}' names the provider '${provider}'; did you mean '${near}' ('${shown.replace(provider, near)}')? The grant would match no model. For a model of another provider, use BedrockModel.fromArn().`);
    }
    return `The Bedrock model id '${shown}' names the provider '${provider}', which is not one cdk-agentcore knows (${MODEL_PROVIDERS.join(', ')}). If it is misspelt, the grant matches no model and invocations fail with AccessDenied.`;
  }
  if (!VERSION_SUFFIX.test(modelId)) {
    return `The Bedrock model id '${shown}' has no version suffix; most ids end with one (e.g. 'amazon.nova-pro-v1:0'). The grant names exactly this id: if the model's id ends with ':0', invocations fail with AccessDenied.`;
  }
  return undefined;
}
