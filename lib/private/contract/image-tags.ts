/**
 * Tags that registries and pipelines move when a new image is pushed. A runtime that references one never redeploys
 * on a push, and each of its versions silently runs whatever was pushed last.
 */
export const MUTABLE_IMAGE_TAGS: readonly string[] = ['latest', 'main', 'master', 'stable', 'prod', 'production', 'dev', 'develop', 'staging', 'release', 'edge', 'nightly'];

/**
 * Whether an image reference's tag is mutable: one of `MUTABLE_IMAGE_TAGS` (any case), or no tag at all (which means
 * `latest`). `undefined` stands for "no tag". A digest is never mutable: pass `undefined` only when there is no digest.
 */
export function isMutableImageTag(tag: string | undefined): boolean {
  return tag === undefined || tag === '' || MUTABLE_IMAGE_TAGS.includes(tag.toLowerCase());
}
