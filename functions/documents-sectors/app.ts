import { documentSectors } from '../../domain/services/sectors';
import { SectorParams } from '../../schemas/systematization';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A document's sectors: what it is filed under, what a reviewer confirmed, and the suggestions with their evidence. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-sectors', params: SectorParams }, async ({ params, ports }) => json(await documentSectors(ports, params.id)));
