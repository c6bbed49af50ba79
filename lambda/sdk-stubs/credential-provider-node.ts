/**
 * Stand-in for `@aws-sdk/credential-provider-node` in the provider Lambda's bundle (esbuild `--alias`, see
 * `.projenrc.ts`). Lambda hands a function its role's credentials in the environment, so the default chain's other
 * sources (shared config and credentials files, SSO, web identity, credential processes, container and instance
 * metadata) and the STS and SSO clients they pull in never run there; the bundle leaves them out. Elsewhere (tests,
 * the bench) the bundle needs `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` too.
 */
// A dependency of @aws-sdk/credential-provider-node, which every SDK client depends on; the lock file pins it.
// eslint-disable-next-line import/no-extraneous-dependencies
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The credentials of the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
