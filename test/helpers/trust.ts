/**
 * The trust policy every AgentCore role of this library must have: only `bedrock-agentcore.amazonaws.com`, on behalf
 * of the test account (123456789012) and of AgentCore resources in us-east-1 matching `sourceArnSuffix`.
 *
 * @param sourceArnSuffix what follows `arn:<partition>:bedrock-agentcore:us-east-1:123456789012:`, e.g. `memory/m-*`
 */
export function agentCoreTrustPolicy(sourceArnSuffix: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:123456789012:${sourceArnSuffix}`]] } },
      },
    }],
  };
}
