/**
 * The original files of a document as received (issue #20): the n-th of `work.sources` (from 1, in their order), with
 * what a client needs to save and verify it. The bytes are the stored blob, never re-encoded.
 */
import { DomainError, notFound } from '../errors';
import type { SourceFile, SourceFormat, Work } from '../model';
import type { Ports } from '../ports';
import { resolveWork } from './documents';

const MEDIA_TYPES: Record<SourceFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface SourceOf {
  work: Work;
  n: number;
  source: SourceFile;
  mediaType: string;
}

/** The n-th original of a document; a withdrawn document is gone (410), an n past its originals not found. */
export async function sourceOf(ports: Pick<Ports, 'works'>, ref: string, n: number): Promise<SourceOf> {
  const work = await resolveWork(ports.works, ref);
  if (work.withdrawn)
    throw new DomainError('gone', `${work.number ?? work.id} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id, withdrawn: work.withdrawn });
  const source = work.sources[n - 1];
  if (!source) throw notFound(`Original ${n} of ${work.number ?? work.id} (it has ${work.sources.length})`, { id: work.id });
  return { work, n, source, mediaType: MEDIA_TYPES[source.format] };
}

/**
 * The bytes of a stored original. A blob the work names but the store does not hold is an unavailable dependency
 * (503: an S3 read that will succeed once the store is whole again), never the client's fault.
 */
export async function originalBytes(ports: Pick<Ports, 'blobs'>, workId: string, source: SourceFile): Promise<Uint8Array> {
  const bytes = await ports.blobs.get(source.blobKey);
  if (!bytes) throw new DomainError('dependency_unavailable', `Original ${source.blobKey} of ${workId} is missing from the blob store`);
  return bytes;
}
