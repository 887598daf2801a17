/**
 * Replaying what the stream indexer gave up on. After its retries (infra/constructs/stream-indexing.ts) Lambda sends
 * a failed batch to the dead-letter queue — for a DynamoDB stream not the records but a pointer to them
 * (`DDBStreamBatchInfo`: shard, first and last sequence number, stream ARN). `replayDeadLetter` reads that range
 * back from the stream (it is kept 24 h), takes the works its records are about and processes them again exactly as
 * the indexer does (history, links, search index; idempotent by version). A message may instead list the ids
 * itself (`{"documentIds": [...]}`): what an operator sends once the range is gone from the stream.
 *
 * A dependency still down fails the replay with `dependency_unavailable`: the message stays where it is, to be replayed
 * later. A stored original that cannot be indexed is logged and skipped, as the indexer skips it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { DomainError, isDomainError } from '../../domain/errors';
import type { Ports } from '../../domain/ports';
import { processWorkChanges } from '../../domain/services/changes';
import { workIdOf } from './app';

/** The on-failure destination's pointer to a failed DynamoDB stream batch (as Lambda writes it). */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
  batchSize?: number;
  approximateArrivalOfFirstRecord?: string;
  approximateArrivalOfLastRecord?: string;
}

/** Reads records of a stream shard: implemented on DynamoDB Streams in ./stream-range.ts. */
export interface StreamRangeSource {
  /** The records of `info.shardId` from `startSequenceNumber` to `endSequenceNumber`, both included, in order. */
  read(info: StreamBatchInfo): Promise<DynamoDBRecord[]>;
}

export interface ReplayResult {
  /** Where the ids came from: the stream range the message points at, or the ids the message lists. */
  from: 'stream' | 'ids';
  records: number;
  documentIds: string[];
  /** Works processed again (with the works their links touch, re-indexed too). */
  processed: string[];
  /** Works whose original cannot be indexed at all (logged, as the indexer does). */
  skipped: string[];
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The batch info or the id list of a DLQ message body (a JSON string or an already parsed object). */
export function parseDeadLetter(body: unknown): { info: StreamBatchInfo } | { documentIds: string[] } {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new DomainError('validation', 'The dead-letter message is not JSON');
    }
  }
  const v = (value ?? {}) as { DDBStreamBatchInfo?: Partial<StreamBatchInfo>; documentIds?: unknown };
  const info = v.DDBStreamBatchInfo;
  if (info && isStr(info.shardId) && isStr(info.startSequenceNumber) && isStr(info.endSequenceNumber) && isStr(info.streamArn))
    return { info: info as StreamBatchInfo };
  if (Array.isArray(v.documentIds) && v.documentIds.length > 0 && v.documentIds.every(isStr)) return { documentIds: [...new Set(v.documentIds)] };
  throw new DomainError('validation', 'The dead-letter message has neither DDBStreamBatchInfo (shardId, sequence numbers, streamArn) nor documentIds');
}

export async function replayDeadLetter(
  deps: { ports: Ports; logger: Pick<Logger, 'info' | 'error'>; stream?: StreamRangeSource },
  body: unknown,
): Promise<ReplayResult> {
  const parsed = parseDeadLetter(body);
  let documentIds: string[];
  let records = 0;
  if ('info' in parsed) {
    if (!deps.stream) throw new DomainError('validation', 'This message points at a stream range: a stream reader is needed to replay it');
    const read = await deps.stream.read(parsed.info);
    records = read.length;
    if (records === 0)
      throw new DomainError(
        'not_found',
        `Stream records ${parsed.info.startSequenceNumber}…${parsed.info.endSequenceNumber} of ${parsed.info.shardId} are no longer in the stream (kept 24 h): replay by document ids instead`,
      );
    documentIds = [...new Set(read.map(workIdOf).filter((id): id is string => id !== null))];
  } else {
    documentIds = parsed.documentIds;
  }
  const processed: string[] = [];
  const skipped: string[] = [];
  for (const id of documentIds) {
    try {
      await processWorkChanges(deps.ports, [id]);
      processed.push(id);
    } catch (error) {
      if (isDomainError(error) && error.code !== 'dependency_unavailable') {
        deps.logger.error('Document cannot be indexed; skipped', { documentId: id, code: error.code, error: error as Error });
        skipped.push(id);
        continue;
      }
      if (isDomainError(error)) throw error;
      // Anything else (OpenSearch or a store unreachable) is what the indexer retries too: replay again later.
      const e = new DomainError('dependency_unavailable', `Replaying ${id} failed: ${(error as Error).name}: ${(error as Error).message}`);
      (e as Error & { cause?: unknown }).cause = error;
      throw e;
    }
  }
  deps.logger.info('Replayed a dead-letter message', { from: 'info' in parsed ? 'stream' : 'ids', records, documents: documentIds.length });
  return { from: 'info' in parsed ? 'stream' : 'ids', records, documentIds, processed, skipped };
}
