/**
 * A stored file handed to a client (an original as received, a file of the bulk dump): on AWS a 303 to a short-lived
 * presigned S3 URL (a function's response cannot carry several MB), where blobs are local the bytes themselves,
 * always as an attachment never rendered on this origin, with its sha256 in `Repr-Digest` and `X-Content-Sha256`.
 */
import { attachment } from '../../adapters/content-disposition';
import type { Ports } from '../../domain/ports';
import { json, type JsonReply } from './http';

export interface StoredFile {
  key: string;
  fileName: string;
  mediaType: string;
  sha256: string;
}

export async function downloadReply(
  ports: Pick<Ports, 'blobs'>,
  file: StoredFile,
  /** How long a presigned URL lives. */
  seconds: number,
  /** The bytes, where the store signs no URL. */
  bytes: () => Promise<Uint8Array>,
): Promise<JsonReply> {
  const digest = { 'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`, 'x-content-sha256': file.sha256 };
  if (ports.blobs.downloadUrl) {
    const location = await ports.blobs.downloadUrl(file.key, { fileName: file.fileName, mediaType: file.mediaType, seconds });
    return json({ location, fileName: file.fileName, sha256: file.sha256 }, 303, { ...digest, location, 'cache-control': 'no-store' });
  }
  return json(await bytes(), 200, {
    ...digest,
    'content-type': file.mediaType,
    'content-disposition': attachment(file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
  });
}
