import { confirmSectors } from '../../domain/services/sectors';
import { ConfirmSectorsRequest, SectorParams } from '../../schemas/systematization';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A reviewer confirms a document's sectors (who, when and why are kept on the document). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'sectors-confirm', params: SectorParams, body: ConfirmSectorsRequest }, async ({ params, body, ports, identity }) => {
    const result = await confirmSectors(ports, params.id, { codes: body.codes, reason: body.reason, actor: identity?.subject ?? 'unknown' });
    ctx.logger.info('Sectors confirmed by a reviewer', {
      documentId: result.documentId,
      reviewer: identity?.subject,
      codes: body.codes,
      changed: result.changed,
    });
    return json(result);
  });
