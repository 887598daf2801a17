/**
 * Reads the real DynamoDB Local stream of a table and hands its records to the indexer handler, exactly as the
 * Lambda event source mapping would (same record shape, in order, per shard).
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export class StreamPump {
  private readonly iterators = new Map<string, string | undefined>();
  private readonly streams: DynamoDBStreamsClient;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
    endpoint: string,
  ) {
    this.streams = new DynamoDBStreamsClient({ endpoint, region: 'ap-southeast-1' });
  }

  /** Reads every record written since the last pump, and delivers them in batches of `batchSize`. */
  async pump(handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>, batchSize = 25): Promise<{ records: number; failures: string[] }> {
    const table = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.tableName} has no stream`);
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let records = 0;
    const failures: string[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      if (!this.iterators.has(id)) {
        const it = await this.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }));
        this.iterators.set(id, it.ShardIterator);
      }
      for (let guard = 0; guard < 1000; guard++) {
        const iterator = this.iterators.get(id);
        if (!iterator) break;
        const res = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const batch = (res.Records ?? []) as unknown as DynamoDBRecord[];
        this.iterators.set(id, res.NextShardIterator);
        for (let i = 0; i < batch.length; i += batchSize) {
          const out = await handler({ Records: batch.slice(i, i + batchSize) });
          failures.push(...out.batchItemFailures.map((f) => f.itemIdentifier));
        }
        records += batch.length;
        if (batch.length === 0) break;
      }
    }
    return { records, failures };
  }
}
