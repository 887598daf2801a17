/**
 * The worker (SQS, one `file` message per đề mục file): imports the file with the idempotent importHeading and
 * records it on the job; a bad file is recorded as failed with its reason, a failing backing service reports the
 * message in batchItemFailures so only it is retried (then dead-lettered). The last file completes the job.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { importJobFile } from '../../domain/services/codification-import';
import { ImportMessageBody } from '../../schemas/codification-imports';
import type { AppContext } from '../_shared/http';
import { importPortsOf } from '../_shared/import-ports';
import { eachMessage } from '../_shared/sqs-batch';

/** Files of one batch imported side by side (each is a heading of up to a few thousand articles). */
export const WORKER_CONCURRENCY = 2;

export const create = (ctx: AppContext) =>
  middy(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const [ports, imports] = await Promise.all([ctx.ports(), importPortsOf(ctx)]);
    return eachMessage(
      event,
      ImportMessageBody,
      ctx.logger,
      async (m, record) => {
        if (m.kind !== 'file') throw new Error(`The file queue got a ${m.kind} message`);
        const outcome = await importJobFile({ ...ports, jobs: imports.jobs, files: imports.files }, m.importId, m.key);
        ctx.logger.info('Import file', { importId: m.importId, key: m.key, outcome, receiveCount: record.attributes.ApproximateReceiveCount });
      },
      WORKER_CONCURRENCY,
    );
  });
