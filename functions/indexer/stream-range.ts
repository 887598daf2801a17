/**
 * Reads a range of a DynamoDB stream shard back (for ./replay.ts): an iterator at the range's first sequence number,
 * then GetRecords until a record past its last one (or the end of what the shard holds now).
 *
 * Uses @aws-sdk/client-dynamodb-streams, which package.json lists as a development dependency: a Lambda that replays
 * from the DLQ needs it moved to `dependencies` (the bundler takes it from node_modules either way).
 */
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamBatchInfo, StreamRangeSource } from './replay';

/** Stream sequence numbers are decimal strings of up to 40 digits: compared as integers. */
const seq = (s: string | undefined) => BigInt(s ?? '0');

export function dynamodbStreamRange(client: DynamoDBStreamsClient, options: { maxCalls?: number } = {}): StreamRangeSource {
  return {
    async read(info: StreamBatchInfo): Promise<DynamoDBRecord[]> {
      const start = seq(info.startSequenceNumber);
      const end = seq(info.endSequenceNumber);
      const it = await client.send(
        new GetShardIteratorCommand({
          StreamArn: info.streamArn,
          ShardId: info.shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          SequenceNumber: info.startSequenceNumber,
        }),
      );
      const out: DynamoDBRecord[] = [];
      let iterator = it.ShardIterator;
      // DynamoDB Streams may answer an empty page before the next records: a few in a row mean the shard's end.
      let empty = 0;
      for (let calls = 0; iterator && calls < (options.maxCalls ?? 100); calls++) {
        const res = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const records = (res.Records ?? []) as unknown as DynamoDBRecord[];
        for (const r of records) {
          const n = seq(r.dynamodb?.SequenceNumber);
          if (n > end) return out;
          if (n >= start) out.push(r);
        }
        empty = records.length === 0 ? empty + 1 : 0;
        if (empty >= 3) break;
        iterator = res.NextShardIterator;
      }
      return out;
    },
  };
}

export const streamsClient = (config: { region: string; endpoint?: string }) =>
  new DynamoDBStreamsClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
