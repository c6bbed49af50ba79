import { Annotations, Resource, Stack, Tags } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { deliveryDestination, DELIVERY_SERVICE, deliverySourceArns, LogsDeliveryPolicy } from './private/delivery';

/** The warning for a log destination of another app, which the library cannot open to log delivery. */
const IMPORTED_DESTINATION_WARNING = 'cdk-agentcore:log-destination-imported';

/**
 * Where a runtime's vended logs go (`AWS::Logs::DeliveryDestination`): a log group, a bucket or a Firehose stream. Each
 * destination is opened to the log delivery service for exactly that destination, and only for delivery sources of
 * this account (the way aws-cdk-lib's `LoggingDestination` does).
 */
export abstract class RuntimeLogDestination {
  /**
   * A CloudWatch Logs log group. The log delivery service may create streams and put events in it only, through one
   * CloudWatch Logs resource policy per stack that lists the stack's destination log groups.
   */
  public static cloudWatchLogs(logGroup: logs.ILogGroup): RuntimeLogDestination {
    return new CloudWatchLogsDestination(logGroup);
  }

  /** An S3 bucket. The log delivery service may put objects under `AWSLogs/<account>/` of that bucket only. */
  public static s3(bucket: s3.IBucket): RuntimeLogDestination {
    return new S3Destination(bucket);
  }

  /** A Firehose stream. It is tagged `LogDeliveryEnabled=true`, which vended log delivery to Firehose requires. */
  public static firehose(stream: firehose.IDeliveryStream): RuntimeLogDestination {
    return new FirehoseDestination(stream);
  }

  /**
   * Opens the destination to the log delivery service and creates the delivery destination in `scope`.
   * @internal
   */
  public abstract _bind(scope: Construct, id: string): logs.CfnDeliveryDestination;
}

/** One kind of a runtime's vended logs and where it goes. */
export interface RuntimeLoggingConfig {
  /** The kind of logs: aws-cdk-lib's `LogType.APPLICATION_LOGS` or `LogType.USAGE_LOGS`. */
  readonly logType: agentcore.LogType;
  /** Where they go. */
  readonly destination: RuntimeLogDestination;
}

class CloudWatchLogsDestination extends RuntimeLogDestination {
  constructor(private readonly logGroup: logs.ILogGroup) {
    super();
  }

  public _bind(scope: Construct, id: string): logs.CfnDeliveryDestination {
    const policy = LogsDeliveryPolicy.of(scope);
    policy.allow(this.logGroup);
    const dest = deliveryDestination(scope, id, 'CWL', this.logGroup.logGroupArn);
    dest.node.addDependency(policy);
    return dest;
  }
}

class S3Destination extends RuntimeLogDestination {
  constructor(private readonly bucket: s3.IBucket) {
    super();
  }

  public _bind(scope: Construct, id: string): logs.CfnDeliveryDestination {
    const stack = Stack.of(scope);
    const statement = new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(DELIVERY_SERVICE)],
      actions: ['s3:PutObject'],
      resources: [this.bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
      conditions: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': deliverySourceArns(stack) },
      },
    });
    if (!this.bucket.addToResourcePolicy(statement).statementAdded) {
      Annotations.of(scope).addWarningV2(IMPORTED_DESTINATION_WARNING,
        `The log destination bucket ${this.bucket.node.path} is imported, so its bucket policy cannot be extended: logs are delivered only once its policy allows ${DELIVERY_SERVICE} s3:PutObject on AWSLogs/<account>/* (the statement RuntimeLogDestination.s3() adds to a bucket of this app).`);
    }
    return deliveryDestination(scope, id, 'S3', this.bucket.bucketArn);
  }
}

class FirehoseDestination extends RuntimeLogDestination {
  constructor(private readonly stream: firehose.IDeliveryStream) {
    super();
  }

  public _bind(scope: Construct, id: string): logs.CfnDeliveryDestination {
    Tags.of(this.stream).add('LogDeliveryEnabled', 'true');
    if (!Resource.isOwnedResource(this.stream)) {
      Annotations.of(scope).addWarningV2(IMPORTED_DESTINATION_WARNING,
        `The log destination stream ${this.stream.node.path} is imported, so it cannot be tagged: logs are delivered only once it has the tag LogDeliveryEnabled=true.`);
    }
    return deliveryDestination(scope, id, 'FH', this.stream.deliveryStreamArn);
  }
}

