/**
 * The bucket that keeps every original the database ingested (the legal record: versioned, never public), plus the
 * bucket that receives its server access logs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface OriginalsBucketProps {
  /**
   * S3 Object Lock default retention for every new object version (undefined = no Object Lock). Object Lock is
   * enabled when the bucket is created; see infra/README.md for buckets that already exist.
   */
  readonly objectLock?: { readonly mode: 'governance' | 'compliance'; readonly days: number };
}

export class OriginalsBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: OriginalsBucketProps = {}) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // Server access logging can only deliver to SSE-S3 buckets, not SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioned (checkov CKV_AWS_21, ADR 0021): the access records are part of the audit trail; a delete leaves the
      // record as a noncurrent version for 30 days instead of removing it for good.
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // S3 refuses an expired-object-delete-marker rule beside a Days expiration in the same rule.
        { id: 'expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.accessLogs,
      'AwsSolutions-S1',
      'This is the access-log bucket of the originals bucket; logging it into itself would loop and logging it elsewhere adds a third bucket with the same question. Its objects expire after 365 days.',
    );

    const lock = props.objectLock;
    this.bucket = new Bucket(this, 'Bucket', {
      versioned: true,
      // WORM for the legal record: no version can be deleted or overwritten before its retention ends (governance:
      // except by a principal with s3:BypassGovernanceRetention; compliance: by nobody, not even the root user).
      ...(lock
        ? {
            objectLockEnabled: true,
            objectLockDefaultRetention:
              lock.mode === 'compliance' ? ObjectLockRetention.compliance(Duration.days(lock.days)) : ObjectLockRetention.governance(Duration.days(lock.days)),
          }
        : {}),
      // SSE-S3 (AES-256): originals are public legal texts, and SSE-S3 needs no kms grant on every reader.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'originals/',
      lifecycleRules: [
        {
          id: 'noncurrent-versions',
          // An overwritten original stays 90 days in Standard-IA, then Glacier for a year, then is deleted; the
          // current version is never touched.
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: StorageClass.GLACIER, transitionAfter: Duration.days(90) },
          ],
          noncurrentVersionExpiration: Duration.days(455),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
