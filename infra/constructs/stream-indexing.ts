/**
 * Table stream -> indexer. Batches with a short window, splits a failing batch in two (bisect) and lets the handler
 * report the exact records that failed (`batchItemFailures`), retries a bounded number of times, and sends what
 * still fails to an encrypted, TLS-only SQS queue (the DLQ) instead of blocking the shard.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface StreamIndexingProps {
  readonly table: ITable;
  readonly indexer: IFunction;
}

export const STREAM_SETTINGS = {
  batchSize: 100,
  maxBatchingWindowSeconds: 5,
  retryAttempts: 5,
  /** The stream keeps records 24 h; a record older than that is gone anyway. */
  maxRecordAgeHours: 24,
} as const;

export class StreamIndexing extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamIndexingProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination (on-failure destination of the stream event source mapping); it holds stream batch metadata for replay and has no consumer that could fail.',
    );

    props.indexer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: STREAM_SETTINGS.batchSize,
        maxBatchingWindow: Duration.seconds(STREAM_SETTINGS.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: STREAM_SETTINGS.retryAttempts,
        maxRecordAge: Duration.hours(STREAM_SETTINGS.maxRecordAgeHours),
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
  }
}
