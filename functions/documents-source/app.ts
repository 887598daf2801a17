import { originalBytes, sourceOf } from '../../domain/services/sources';
import { SourceParams } from '../../schemas/documents';
import { downloadReply } from '../_shared/download';
import { httpHandler, type AppContext } from '../_shared/http';

/** Presigned URLs live this long: enough to start a download, too short to pass around. */
const LINK_SECONDS = 300;

/**
 * GET /v1/documents/{id}/sources/{n}: the n-th original file as received (functions/_shared/download.ts: inline where
 * blobs are local, a 303 to a presigned S3 URL on AWS; an HTML original is somebody else's markup, never rendered here).
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-source', params: SourceParams }, async ({ params, ports }) => {
    const s = await sourceOf(ports, params.id, params.n);
    const file = { key: s.source.blobKey, fileName: s.source.fileName, mediaType: s.mediaType, sha256: s.source.sha256 };
    return downloadReply(ports, file, LINK_SECONDS, () => originalBytes(ports, s.work.id, s.source));
  });
