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

    it('accepts the same key twice (idempotent writes)', async () => {
      const body = Buffer.from('same');
      await blobs.put('originals/bb/same', body, 'text/plain');
      await blobs.put('originals/bb/same', body, 'text/plain');
      expect(Buffer.from((await blobs.get('originals/bb/same')) ?? []).toString()).toBe('same');
    });
  });
}
