/**
 * The daily status sweep (EventBridge Scheduler, 00:05 Asia/Ho_Chi_Minh): documents whose status changed since
 * yesterday — an effective date reached, a repeal taking effect — get their stored status (search index) refreshed;
 * then the bulk dump (domain/services/bulk.ts, GET /v1/bulk) is written again with the validity of the day.
 */
import middy from '@middy/core';
import { vietnamDate } from '../../domain/dates';
import { exportBulk } from '../../domain/services/bulk';
import { refreshWorks } from '../../domain/services/changes';
import { sweepStatuses } from '../../domain/services/status';
import type { AppContext } from '../_shared/http';

export const create = (ctx: AppContext) =>
  middy(async (): Promise<{ today: string; refreshed: number; bulkDocuments: number }> => {
    const ports = await ctx.ports();
    const now = ports.clock.now();
    const today = vietnamDate(now);
    // Two days back: a sweep missed once (a failed invocation retried after midnight) is caught up by the next.
    const since = vietnamDate(new Date(now.getTime() - 2 * 86_400_000));
    const refreshed = await sweepStatuses(ports, today, since, (ids) => refreshWorks(ports, ids));
    ctx.logger.info('Status sweep', { today, since, refreshed: refreshed.length });
    const bulk = await exportBulk(ports, { at: today });
    ctx.logger.info('Bulk dump', { documents: bulk.documents, files: bulk.files.map((f) => `${f.name} ${f.bytes} B`) });
    return { today, refreshed: refreshed.length, bulkDocuments: bulk.documents };
  });
