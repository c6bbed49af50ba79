import * as path from 'path';
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3Assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import type { CodeRuntime } from './types';
import { ExecutionRoleGrants } from '../execution-role/grants';
import { CONTAINER_URI, fullMatch, IMAGE_DIGEST, isMutableImageTag } from '../private/contract';

/** Public ECR's registry host: its images need no pull grant. */
const PUBLIC_ECR = 'public.ecr.aws';

/** Which image of an ECR repository to run. Give exactly one of `tag` and `digest`. */
export interface EcrImageOptions {
  /**
   * An image tag. Prefer immutable tags (a release number or a commit id): a mutable tag such as `latest` keeps
   * resolving to whatever was pushed last, so new pushes never redeploy and old versions silently change.
   *
   * @default - use `digest`
   */
  readonly tag?: string;

  /**
   * An image digest, `sha256:<64 hex>`, the safest reference.
   *
   * @default - use `tag`
   */
  readonly digest?: string;
}

/** Options for direct code deployment (a zip in S3 run by a managed runtime). */
export interface CodeOptions {
  /** The managed runtime, e.g. `CodeRuntime.PYTHON_3_13`. */
  readonly runtime: CodeRuntime;

  /**
   * The command that starts the agent: 1 or 2 strings of at most 128 characters, e.g.
   * `['opentelemetry-instrument', 'main.py']` or `['main.py']`.
   */
  readonly entryPoint: string[];
}

/** Options for `fromS3Code`. */
export interface S3CodeOptions extends CodeOptions {
  /**
   * The object version to run (3-1024 characters).
   *
   * @default - the latest version
   */
  readonly objectVersion?: string;
}

/** Options for `fromCodeAsset`. */
export interface CodeAssetOptions extends CodeOptions, s3Assets.AssetOptions {}

/** What an artifact renders to: the CloudFormation shape of `AgentRuntimeArtifact`. */
export interface ArtifactConfig {
  /**
   * The container image URI (container artifacts).
   *
   * @default - a code artifact
   */
  readonly containerUri?: string;

  /**
   * The code location and runtime (code artifacts).
   *
   * @default - a container artifact
   */
  readonly code?: CodeArtifactConfig;
}

/** The code location and runtime of a direct code deployment. */
export interface CodeArtifactConfig {
  /** The bucket name. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /**
   * The object version.
   *
   * @default - the latest version
   */
  readonly objectVersion?: string;
  /** The runtime, e.g. `PYTHON_3_13`. */
  readonly runtime: string;
  /** The entry point. */
  readonly entryPoint: string[];
}

/**
 * What an AgentCore runtime runs: a container image (ECR repository, local Docker directory, or image URI), or code
 * in S3 run by a managed runtime. Each artifact grants the runtime's role exactly what it needs to fetch it.
 */
export abstract class AgentRuntimeArtifact {
  /** An image from an ECR repository, by tag or (better) digest. Grants pull on that repository only. */
  public static fromEcrRepository(repository: ecr.IRepository, options: EcrImageOptions): AgentRuntimeArtifact {
    const { tag, digest } = options;
    if ((tag === undefined) === (digest === undefined)) {
      throw new Error(`AgentRuntimeArtifact.fromEcrRepository: give exactly one of tag and digest (got ${tag === undefined ? 'neither' : 'both'}).`);
    }
    if (digest !== undefined && !Token.isUnresolved(digest) && !fullMatch(IMAGE_DIGEST, digest)) {
      throw new Error(`AgentRuntimeArtifact.fromEcrRepository: digest '${digest}' must be 'sha256:' followed by 64 lower-case hex digits.`);
    }
    if (tag !== undefined && !Token.isUnresolved(tag) && !/^[\w][\w.-]{0,127}$/.test(tag)) {
      throw new Error(`AgentRuntimeArtifact.fromEcrRepository: tag '${tag}' is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}).`);
    }
    return new ContainerArtifact(() => repository.repositoryUriForTagOrDigest(tag ?? digest), () => repository, tag);
  }

  /**
   * An image built from a local directory with a Dockerfile, always for `linux/arm64` (AgentCore runs ARM64
   * containers). The image tag is the asset hash, so every change to the directory rolls out a new version.
   */
  public static fromAsset(directory: string, options: ecrAssets.DockerImageAssetOptions = {}): AgentRuntimeArtifact {
    if (options.platform && options.platform.platform !== ecrAssets.Platform.LINUX_ARM64.platform) {
      throw new Error(`AgentRuntimeArtifact.fromAsset: platform '${options.platform.platform}' is not supported; AgentCore runs linux/arm64 containers.`);
    }
    return new AssetContainerArtifact(directory, options);
  }

  /**
   * An image by URI: a private ECR image (`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` or
   * `@sha256:<digest>`), on whose repository pull is granted, or a public ECR image (`public.ecr.aws/<alias>/<repository>:<tag>`),
   * which needs no grant. AgentCore pulls images from these registries only (the API's `RuntimeContainerUri`).
   */
  public static fromImageUri(imageUri: string): AgentRuntimeArtifact {
    if (Token.isUnresolved(imageUri)) {
      throw new Error('AgentRuntimeArtifact.fromImageUri: the URI is a token, so its repository cannot be granted; use fromEcrRepository(repository, { tag | digest }) instead.');
    }
    const match = new RegExp(`^(?:${CONTAINER_URI.source})$`).exec(imageUri);
    if (!match) {
      throw new Error(`AgentRuntimeArtifact.fromImageUri: '${imageUri}' is not an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@<digest>], or public.ecr.aws/<repository>[:<tag>]); AgentCore pulls images from ECR only.`);
    }
    const [, registry, account, region, , repositoryName, tag, digest] = match;
    const mutableTag = digest ? undefined : tag ?? 'latest';
    if (registry === PUBLIC_ECR) return new ContainerArtifact(() => imageUri, undefined, mutableTag);
    return new ContainerArtifact(
      () => imageUri,
      (scope) => ecr.Repository.fromRepositoryAttributes(scope, 'ImageRepository', {
        repositoryName,
        repositoryArn: Stack.of(scope).formatArn({ service: 'ecr', account, region, resource: 'repository', resourceName: repositoryName }),
      }),
      mutableTag,
    );
  }

  /** A zip of agent code in S3, run by a managed runtime. Grants `s3:GetObject` on that object only. */
  public static fromS3Code(bucket: s3.IBucket, key: string, options: S3CodeOptions): AgentRuntimeArtifact {
    return new CodeArtifact(() => ({ bucket, key }), options, options.objectVersion);
  }

  /** A local directory or zip file uploaded as an asset and run by a managed runtime. */
  public static fromCodeAsset(assetPath: string, options: CodeAssetOptions): AgentRuntimeArtifact {
    return new CodeArtifact((scope) => {
      const asset = new s3Assets.Asset(scope, 'CodeAsset', { ...options, path: path.resolve(assetPath) });
      return { bucket: asset.bucket, key: asset.s3ObjectKey };
    }, options, undefined);
  }

  /**
   * Renders the artifact for a runtime and grants `role` what it needs to fetch it.
   *
   * @param scope the runtime construct (assets and imports are created under it)
   * @param role the runtime's execution role
   */
  public abstract bind(scope: Construct, role: iam.IRole): ArtifactConfig;
}

class ContainerArtifact extends AgentRuntimeArtifact {
  constructor(
    private readonly uri: () => string,
    /** The private repository to grant pull on (none for a public image). */
    private readonly repository: ((scope: Construct) => ecr.IRepository) | undefined,
    private readonly tag: string | undefined,
  ) {
    super();
  }

  public bind(scope: Construct, role: iam.IRole): ArtifactConfig {
    if (this.repository) ExecutionRoleGrants.fromRole(role).pullImage(this.repository(scope));
    if (this.tag !== undefined && !Token.isUnresolved(this.tag) && isMutableImageTag(this.tag)) {
      Annotations.of(scope).addWarningV2('cdk-agentcore:mutable-image-tag',
        `The image is referenced by the mutable tag '${this.tag}': pushing a new image never redeploys the runtime, and every runtime version silently runs whatever was pushed last. Reference an immutable tag or a digest.`);
    }
    return { containerUri: this.uri() };
  }
}

class AssetContainerArtifact extends AgentRuntimeArtifact {
  constructor(private readonly directory: string, private readonly options: ecrAssets.DockerImageAssetOptions) {
    super();
  }

  public bind(scope: Construct, role: iam.IRole): ArtifactConfig {
    const asset = new ecrAssets.DockerImageAsset(scope, 'ImageAsset', {
      ...this.options,
      directory: this.directory,
      platform: ecrAssets.Platform.LINUX_ARM64,
    });
    ExecutionRoleGrants.fromRole(role).pullImage(asset.repository);
    return { containerUri: asset.imageUri };
  }
}

class CodeArtifact extends AgentRuntimeArtifact {
  constructor(
    private readonly location: (scope: Construct) => { bucket: s3.IBucket; key: string },
    private readonly options: CodeOptions,
    private readonly objectVersion: string | undefined,
  ) {
    super();
    const entryPoint = options.entryPoint;
    if (entryPoint.length < 1 || entryPoint.length > 2 || entryPoint.some((e) => !Token.isUnresolved(e) && (e.length < 1 || e.length > 128))) {
      throw new Error(`AgentRuntimeArtifact: entryPoint ${JSON.stringify(entryPoint)} must have 1 or 2 entries of 1-128 characters, e.g. ['main.py'] or ['opentelemetry-instrument', 'main.py'].`);
    }
  }

  public bind(scope: Construct, role: iam.IRole): ArtifactConfig {
    const { bucket, key } = this.location(scope);
    const objectArn = bucket.arnForObjects(key);
    iam.Grant.addToPrincipal({
      grantee: role,
      actions: this.objectVersion ? ['s3:GetObject', 's3:GetObjectVersion'] : ['s3:GetObject'],
      resourceArns: [objectArn],
    });
    bucket.encryptionKey?.grantDecrypt(role);
    return {
      code: {
        bucket: bucket.bucketName,
        key,
        objectVersion: this.objectVersion,
        runtime: this.options.runtime.value,
        entryPoint: this.options.entryPoint,
      },
    };
  }
}

