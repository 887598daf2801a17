/**
 * The indexer: a DynamoDB stream batch in, the search index brought up to date. Idempotent (entries carry the
 * work version; the index keeps the newest), and reports partial batch failures so Lambda retries from the first
 * record that failed; after the retries the batch goes to the dead-letter queue.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { isDomainError } from '../../domain/errors';
import { processWorkChanges } from '../../domain/services/changes';
import type { AppContext } from '../_shared/http';

/** The work id a stream record is about, or null for items that are not works. */
export function workIdOf(record: DynamoDBRecord): string | null {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const sk = record.dynamodb?.Keys?.sk?.S;
  return pk?.startsWith('WORK#') && sk === 'META' ? pk.slice('WORK#'.length) : null;
}

export const create = (ctx: AppContext) =>
  middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const ports = await ctx.ports();
    const done = new Set<string>();
    for (const record of event.Records) {
      const id = workIdOf(record);
      if (!id || done.has(id)) continue;
      try {
        await processWorkChanges(ports, [id]);
        done.add(id);
      } catch (error) {
        if (isDomainError(error) && error.code !== 'dependency_unavailable') {
          // The stored original itself cannot be indexed: retrying the same record would fail the same way and hold
          // up the shard. Log it for review (an error metric alarms) and go on.
          ctx.logger.error('Document cannot be indexed; skipped', { documentId: id, code: error.code, error: error as Error });
          done.add(id);
          continue;
        }
        ctx.logger.error('Indexing failed', { documentId: id, error: error as Error });
        // Stream order matters: report this record; Lambda retries it and everything after it.
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    ctx.logger.info('Indexed', { documents: done.size, records: event.Records.length });
    return { batchItemFailures: [] };
  });
