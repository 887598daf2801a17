/**
 * An SQS batch, one message at a time: a message that throws is reported in `batchItemFailures` (the event source
 * mapping has ReportBatchItemFailures), so only it returns to the queue and the others are deleted; after the
 * queue's maxReceiveCount it moves to the dead-letter queue. A body that is not a valid message can never succeed:
 * it is logged and dropped instead of retried.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type * as z from 'zod/mini';

export async function eachMessage<T>(
  event: SQSEvent,
  schema: z.ZodMiniType<T>,
  logger: Logger,
  handle: (message: T, record: SQSRecord) => Promise<void>,
  concurrency = 1,
): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  const records = [...event.Records];
  const run = async (record: SQSRecord): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      logger.error('Malformed import message dropped', { messageId: record.messageId, body: record.body.slice(0, 500) });
      return;
    }
    try {
      await handle(parsed.data, record);
    } catch (error) {
      logger.error('Import message failed; it returns to the queue', { messageId: record.messageId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, records.length)) }, async () => {
    for (let r = records.shift(); r; r = records.shift()) await run(r);
  });
  await Promise.all(workers);
  return { batchItemFailures: failures };
}
