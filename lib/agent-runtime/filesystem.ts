import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { FilesystemConfigurationProperty } from '../private/contract';

/**
 * A filesystem mounted into the runtime's sessions (`filesystemConfigurations`, at most 5), under `/mnt/<name>`.
 */
export abstract class RuntimeFilesystem {
  /** Session storage: persistent per session, preserved across the invocations of a session. */
  public static sessionStorage(mountPath: string): RuntimeFilesystem {
    return new SessionStorage(mountPath);
  }

  /**
   * An Amazon EFS access point (shared across sessions). The runtime's role may mount and write through that access
   * point (`elasticfilesystem:ClientMount` and `ClientWrite` on the file system, conditioned on the access point, as
   * Lambda's EFS integration requires; not verified on AWS for AgentCore), and a VPC runtime may reach the file system
   * on the NFS port.
   */
  public static efsAccessPoint(accessPoint: efs.IAccessPoint, mountPath: string): RuntimeFilesystem {
    return new EfsAccessPoint(accessPoint, mountPath);
  }

  /** An Amazon S3 Files access point, by ARN. Grant the runtime's role access to it yourself. */
  public static s3FilesAccessPoint(accessPointArn: string, mountPath: string): RuntimeFilesystem {
    return new S3FilesAccessPoint(accessPointArn, mountPath);
  }

  /** A volume of the runtime's capacity provider, by its name in the provider's list of volumes. */
  public static capacityProviderVolume(volumeName: string, mountPath: string): RuntimeFilesystem {
    return new CapacityProviderVolume(volumeName, mountPath);
  }

  protected constructor(
    /** Where the filesystem is mounted: `/mnt/<name>` (6-200 characters). */
    public readonly mountPath: string,
  ) {}

  /**
   * Renders the filesystem and grants the runtime's role (and, for a VPC runtime, its connections) what it needs.
   * @internal
   */
  public abstract _bind(role: iam.IRole, connections?: ec2.IConnectable): FilesystemConfigurationProperty;
}

class SessionStorage extends RuntimeFilesystem {
  public _bind(): FilesystemConfigurationProperty {
    return { SessionStorage: { MountPath: this.mountPath } };
  }
}

class EfsAccessPoint extends RuntimeFilesystem {
  constructor(private readonly accessPoint: efs.IAccessPoint, mountPath: string) {
    super(mountPath);
  }

  public _bind(role: iam.IRole, connections?: ec2.IConnectable): FilesystemConfigurationProperty {
    const fileSystem = this.accessPoint.fileSystem;
    iam.Grant.addToPrincipal({
      grantee: role,
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      resourceArns: [fileSystem.fileSystemArn],
      conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': this.accessPoint.accessPointArn } },
    });
    if (connections) fileSystem.connections.allowDefaultPortFrom(connections);
    return { EfsAccessPoint: { AccessPointArn: this.accessPoint.accessPointArn, MountPath: this.mountPath } };
  }
}

class S3FilesAccessPoint extends RuntimeFilesystem {
  constructor(private readonly accessPointArn: string, mountPath: string) {
    super(mountPath);
  }

  public _bind(): FilesystemConfigurationProperty {
    return { S3FilesAccessPoint: { AccessPointArn: this.accessPointArn, MountPath: this.mountPath } };
  }
}

class CapacityProviderVolume extends RuntimeFilesystem {
  constructor(private readonly volumeName: string, mountPath: string) {
    super(mountPath);
  }

  public _bind(): FilesystemConfigurationProperty {
    return { CapacityProviderVolume: { VolumeName: this.volumeName, MountPath: this.mountPath } };
  }
}
