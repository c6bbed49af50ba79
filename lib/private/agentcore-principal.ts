import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** The service principal of Amazon Bedrock AgentCore. */
export const AGENTCORE_SERVICE_PRINCIPAL = 'bedrock-agentcore.amazonaws.com';

/**
 * `bedrock-agentcore.amazonaws.com`, guarded against the confused deputy: only on behalf of this account
 * (`aws:SourceAccount`) and of the AgentCore resources matching `sourceArnPattern` (`aws:SourceArn`).
 */
export function agentCorePrincipal(scope: IConstruct, sourceArnPattern: string): iam.ServicePrincipal {
  return new iam.ServicePrincipal(AGENTCORE_SERVICE_PRINCIPAL, {
    conditions: {
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
      ArnLike: { 'aws:SourceArn': sourceArnPattern },
    },
  });
}
