import { DomainError } from '../../domain/errors';
import { ingestDocument } from '../../domain/services/ingest';
import { CreateDocumentRequest } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-create', body: CreateDocumentRequest }, async ({ body, ports, identity }) => {
    const bytes = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
    if (body.encoding === 'base64' && bytes.byteLength === 0) throw new DomainError('validation', 'content is not valid base64');
    const result = await ingestDocument(ports, { fileName: body.fileName, bytes, strict: body.strict ?? false, actor: identity?.subject ?? 'unknown' });
    ctx.logger.info('Document ingested', { documentId: result.work.id, outcome: result.outcome, editor: identity?.subject });
    return json(
      { outcome: result.outcome, document: presentDocument(result.work), diagnostics: result.diagnostics },
      result.outcome === 'created' ? 201 : 200,
      result.outcome === 'created' ? { location: `/v1/documents/${encodeURIComponent(result.work.id)}` } : {},
    );
  });
