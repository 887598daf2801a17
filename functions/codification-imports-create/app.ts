import { importView, startImport } from '../../domain/services/codification-import';
import { CreateImportRequest } from '../../schemas/codification-imports';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { importPortsOf } from '../_shared/import-ports';

/** Starts the import of a Bộ pháp điển export already uploaded under `imports/phapdien/<importId>/` (reviewer). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-imports-create', body: CreateImportRequest }, async ({ body, identity, ports }) => {
    const imports = await importPortsOf(ctx);
    const job = await startImport({ clock: ports.clock, jobs: imports.jobs, queue: imports.queue }, body.importId, identity?.subject ?? null);
    return json(importView(job), 202, { location: `/v1/codification/imports/${job.id}` });
  });
