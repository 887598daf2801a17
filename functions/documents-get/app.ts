// API Gateway (and the local runtime) deliver path parameters already percent-decoded.
import { resolveWork } from '../../domain/services/documents';
import { DocumentIdParams } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-get', params: DocumentIdParams }, async ({ params, ports }) =>
    json(presentDocument(await resolveWork(ports.works, params.id))),
  );
