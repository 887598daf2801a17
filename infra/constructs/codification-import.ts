/**
 * The serverless import of the Bộ pháp điển export (docs/adr/0010). An export is uploaded under
 * `imports/phapdien/<importId>/` in the originals bucket; `POST /v1/codification/imports` records the job and sends one
 * message to the split queue; the splitter lists the prefix and sends one message per đề mục file to the file queue;
 * workers import one file each (bounded concurrency) and report partial batch failures. Both queues redrive to one
 * dead-letter queue after a bounded number of receives. Queues are SSE-encrypted and TLS-only; every grant names its
 * queue and stays within the import prefix.
 */
import { Duration } from 'aws-cdk-lib';
import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResources } from '../nag';

/** Where exports are uploaded: `<prefix><importId>/tree.json`, `<prefix><importId>/demuc/*.html(.gz)`. */
export const IMPORT_PREFIX = 'imports/phapdien/';

export const IMPORT_QUEUE_SETTINGS = {
  /** Receives before a message goes to the dead-letter queue (the worker's own retries of a failing service). */
  maxReceiveCount: 5,
  /** Files per worker invocation, and the most worker invocations at once (DynamoDB/OpenSearch write pressure). */
  workerBatchSize: 4,
  workerMaxConcurrency: 10,
  /** SQS wants the visibility timeout ≥ 6 × the function timeout when a batching window is set. */
  visibilityFactor: 6,
} as const;

export interface ImportFunction {
  readonly fn: LambdaFunction;
  readonly role: IRole;
}

export interface CodificationImportProps {
  readonly bucket: IBucket;
  /** POST /v1/codification/imports: sends to the split queue. */
  readonly start: ImportFunction;
  /** GET /v1/codification/imports/{id}: reads jobs only. */
  readonly status: ImportFunction;
  readonly splitter: ImportFunction;
  readonly worker: ImportFunction;
}

export class CodificationImport extends Construct {
  readonly splitQueue: Queue;
  readonly fileQueue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: CodificationImportProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the import split and file queues; its messages are redriven to their source queue after the cause is fixed (SQS StartMessageMoveTask).',
    );

    const queue = (queueId: string, fn: LambdaFunction) =>
      new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(fn.timeout ? fn.timeout.toSeconds() * IMPORT_QUEUE_SETTINGS.visibilityFactor : 900),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: IMPORT_QUEUE_SETTINGS.maxReceiveCount },
      });
    this.splitQueue = queue('SplitQueue', props.splitter.fn);
    this.fileQueue = queue('FileQueue', props.worker.fn);

    props.splitter.fn.addEventSource(new SqsEventSource(this.splitQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 2 }));
    props.worker.fn.addEventSource(
      new SqsEventSource(this.fileQueue, {
        batchSize: IMPORT_QUEUE_SETTINGS.workerBatchSize,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        maxConcurrency: IMPORT_QUEUE_SETTINGS.workerMaxConcurrency,
      }),
    );

    const allow = (role: IRole, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
      role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources, ...(conditions ? { conditions } : {}) }));
    const importObjects = props.bucket.arnForObjects(`${IMPORT_PREFIX}*`);

    allow(props.start.role, ['sqs:SendMessage'], [this.splitQueue.queueArn]);
    allow(props.splitter.role, ['sqs:SendMessage'], [this.fileQueue.queueArn]);
    allow(props.splitter.role, ['s3:ListBucket'], [props.bucket.bucketArn], { StringLike: { 's3:prefix': [`${IMPORT_PREFIX}*`] } });
    for (const reader of [props.splitter, props.worker]) {
      allow(reader.role, ['s3:GetObject'], [importObjects]);
      acknowledgeWildcardResources(
        reader.role,
        [importObjects],
        `Export files are named by the uploader (đề mục file ids); reads are limited to the "${IMPORT_PREFIX}" prefix of the originals bucket, never the originals themselves.`,
      );
    }

    const environment = { IMPORT_SPLIT_QUEUE_URL: this.splitQueue.queueUrl, IMPORT_FILE_QUEUE_URL: this.fileQueue.queueUrl };
    for (const f of [props.start, props.status, props.splitter, props.worker])
      for (const [key, value] of Object.entries(environment)) f.fn.addEnvironment(key, value);
  }
}
