/**
 * The splitter (SQS, one `split` message per import): lists the files uploaded under the import's prefix, imports
 * tree.json, records how many đề mục files to expect and sends one `file` message per file to the worker's queue.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { splitImport } from '../../domain/services/codification-import';
import { ImportMessageBody } from '../../schemas/codification-imports';
import type { AppContext } from '../_shared/http';
import { importPortsOf } from '../_shared/import-ports';
import { eachMessage } from '../_shared/sqs-batch';

export const create = (ctx: AppContext) =>
  middy(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const [ports, imports] = await Promise.all([ctx.ports(), importPortsOf(ctx)]);
    return eachMessage(event, ImportMessageBody, ctx.logger, async (m) => {
      if (m.kind !== 'split') throw new Error(`The split queue got a ${m.kind} message`);
      const r = await splitImport({ ...imports, codification: ports.codification, clock: ports.clock }, m.importId);
      ctx.logger.info('Import split', { importId: m.importId, headingFiles: r.headingFiles, sent: r.sent, topics: r.job.topics });
    });
  });
