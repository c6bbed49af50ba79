/** Tags and resource policies of any resource addressed by ARN (TagResource, UntagResource, ListTagsForResource, *ResourcePolicy). */
import { notFound, ServiceError } from './errors';
import { Handler } from './routes';
import { PUT_POLICY, TAG_RESOURCE, TAGS } from './shapes';
import { validate } from './validation';

/** Tags per resource (service quota). */
const MAX_TAGS = 50;

/** What tagging needs of a resource. */
export interface Taggable {
  tags: Record<string, string>;
  resourcePolicy?: string;
}

/** Builds the tagging and resource-policy handlers over a resolver from ARN to resource (undefined when unknown). */
export function taggingHandlers(find: (arn: string) => Taggable | undefined): Record<string, Handler> {
  const resolve = (arn: string): Taggable => {
    const resource = find(arn);
    if (!resource) throw notFound(`Resource not found: ${arn}`);
    return resource;
  };
  const policyOf = (arn: string): Taggable & { resourcePolicy: string } => {
    const resource = resolve(arn);
    if (resource.resourcePolicy === undefined) throw notFound(`No resource policy for ${arn}`);
    return resource as Taggable & { resourcePolicy: string };
  };

  return {
    TagResource: (req) => {
      validate(req.body ?? {}, TAG_RESOURCE);
      const resource = resolve(req.params.resourceArn);
      const merged = { ...resource.tags, ...req.body.tags };
      if (Object.keys(merged).length > MAX_TAGS) validate({ tags: merged }, { kind: 'structure', members: { tags: TAGS } });
      resource.tags = merged;
      return { status: 204 };
    },

    UntagResource: (req) => {
      const tagKeys = req.queryAll.getAll('tagKeys');
      validate({ tagKeys }, { kind: 'structure', members: { tagKeys: { kind: 'list', member: TAGS.key, max: 200 } } });
      const resource = resolve(req.params.resourceArn);
      for (const key of tagKeys) delete resource.tags[key];
      return { status: 204 };
    },

    ListTagsForResource: (req) => ({ status: 200, json: { tags: { ...resolve(req.params.resourceArn).tags } } }),

    PutResourcePolicy: (req) => {
      validate(req.body ?? {}, PUT_POLICY);
      try {
        JSON.parse(req.body.policy);
      } catch {
        throw new ServiceError('ValidationException', 'Resource policy is not valid JSON', 400, 'FieldValidationFailed');
      }
      const resource = resolve(req.params.resourceArn);
      resource.resourcePolicy = req.body.policy;
      return { status: 201, json: { policy: resource.resourcePolicy } };
    },

    GetResourcePolicy: (req) => ({ status: 200, json: { policy: policyOf(req.params.resourceArn).resourcePolicy } }),

    DeleteResourcePolicy: (req) => {
      delete (policyOf(req.params.resourceArn) as Taggable).resourcePolicy;
      return { status: 204 };
    },
  };
}
