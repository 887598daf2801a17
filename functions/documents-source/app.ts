import { attachment } from '../../adapters/content-disposition';
import { sourceBytes, sourceOf } from '../../domain/services/sources';
import { SourceParams } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Presigned URLs live this long: enough to start a download, too short to pass around. */
const LINK_SECONDS = 300;

/**
 * GET /v1/documents/{id}/sources/{n}: the n-th original file as received. Inline where blobs are local; on AWS a 303 to
 * a short-lived presigned S3 URL (a function's response cannot carry a 5 MB file). Always an attachment, never
 * rendered by the browser on this origin (an HTML original is somebody else's markup); its sha256 in `Repr-Digest`.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-source', params: SourceParams }, async ({ params, ports }) => {
    const s = await sourceOf(ports, params.id, params.n);
    const digest = { 'repr-digest': `sha-256=:${Buffer.from(s.source.sha256, 'hex').toString('base64')}:`, 'x-content-sha256': s.source.sha256 };
    if (ports.blobs.downloadUrl) {
      const location = await ports.blobs.downloadUrl(s.source.blobKey, { fileName: s.source.fileName, mediaType: s.mediaType, seconds: LINK_SECONDS });
      return json({ location, fileName: s.source.fileName, sha256: s.source.sha256 }, 303, { ...digest, location, 'cache-control': 'no-store' });
    }
    return json(await sourceBytes(ports, s), 200, {
      ...digest,
      'content-type': s.mediaType,
      'content-disposition': attachment(s.source.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
    });
  });
