/** The BlobStore contract: files and S3 alike. */
import { randomBytes } from 'node:crypto';
import type { BlobStore } from '../../domain/ports';

export function blobStoreContract(name: string, make: () => Promise<BlobStore>) {
  describe(`BlobStore contract: ${name}`, () => {
    let blobs: BlobStore;
    beforeAll(async () => {
      blobs = await make();
    });

    it('returns exactly the bytes it was given (Vietnamese text and binary)', async () => {
      const text = Buffer.from('Điều 1. Phạm vi điều chỉnh — Ð, đ, ư, ơ\r\n', 'utf8');
      const bin = randomBytes(2 * 1024 * 1024 + 17);
      await blobs.put('originals/aa/text', text, 'text/plain; charset=utf-8');
      await blobs.put('originals/aa/bin', bin, 'application/octet-stream');
      expect(Buffer.from((await blobs.get('originals/aa/text')) ?? [])).toEqual(text);
      expect(Buffer.from((await blobs.get('originals/aa/bin')) ?? []).equals(bin)).toBe(true);
    });

    it('answers null for a key it does not hold', async () => {
      expect(await blobs.get('originals/zz/none')).toBeNull();
    });

    it('gives, where it offers one, a download URL that serves the same bytes named as the file, for a while only', async () => {
      if (!blobs.downloadUrl) {
        // The file store serves blobs inline (functions/documents-source): nothing to sign.
        expect(name).not.toBe('S3');
        return;
      }
      const body = Buffer.from('Điều 1. Tệp gốc\n', 'utf8');
      await blobs.put('originals/cc/file', body, 'text/plain');
      const url = await blobs.downloadUrl('originals/cc/file', { fileName: 'Thông tư 09.txt', mediaType: 'text/plain', seconds: 60 });
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Th%C3%B4ng%20t%C6%B0%2009.txt");
      // Signed (SigV4 in the query) for that key only; the test's S3-compatible server does not check signatures, S3 does.
      const query = new URL(url).searchParams;
      expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
      expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(new URL(url).pathname).toMatch(/\/originals\/cc\/file$/);
    });

    it('accepts the same key twice (idempotent writes)', async () => {
      const body = Buffer.from('same');
      await blobs.put('originals/bb/same', body, 'text/plain');
      await blobs.put('originals/bb/same', body, 'text/plain');
      expect(Buffer.from((await blobs.get('originals/bb/same')) ?? []).toString()).toBe('same');
    });
  });
}
