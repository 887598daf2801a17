/** The CodificationRepository contract, on real đề mục files of the Bộ pháp điển export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHeadingHtml } from '../../domain/codify/export';
import type { CodifiedHeading } from '../../domain/codify/types';
import type { CodificationRepository, StoredHeading } from '../../domain/ports';

const FIXTURES = join(__dirname, '..', 'fixtures', 'phapdien');
const SECRETS = '84a4b90e-6b07-41ca-919d-759cfb657f3f'; // 1.2 Bảo vệ bí mật nhà nước
const ENERGY = '913b88fd-89da-4fc5-8268-477ae6d71bac'; // 7.7 Sử dụng năng lượng tiết kiệm và hiệu quả

const load = (file: string): CodifiedHeading => parseHeadingHtml(gunzipSync(readFileSync(join(FIXTURES, `${file}.html.gz`))).toString('utf8'), file).heading;
const stored = (h: CodifiedHeading, file: string): StoredHeading => ({
  id: h.id,
  topic: h.topic,
  title: h.title,
  nodes: h.nodes,
  articleCount: h.articles.length,
  file,
  importedAt: '2026-11-22T00:00:00.000Z',
});

export function codificationRepositoryContract(name: string, make: () => Promise<CodificationRepository>) {
  describe(`CodificationRepository contract: ${name}`, () => {
    let repo: CodificationRepository;
    const secrets = load(SECRETS);
    const energy = load(ENERGY);
    beforeAll(async () => {
      repo = await make();
      await repo.putTopics([
        { number: 1, title: 'An ninh quốc gia' },
        { number: 7, title: 'Công nghiệp' },
      ]);
      await repo.replaceHeading(stored(secrets, SECRETS), secrets.articles);
      await repo.replaceHeading(stored(energy, ENERGY), energy.articles);
    });

    it('reads a heading back with its structure and its articles in order', async () => {
      const h = await repo.getHeading(secrets.id);
      expect(h).toMatchObject({ id: '1.2', topic: 1, articleCount: secrets.articles.length, file: SECRETS });
      expect(h?.nodes).toEqual(secrets.nodes);
      const articles = await repo.listArticles('1.2');
      expect(articles.map((a) => a.code)).toEqual(secrets.articles.map((a) => a.code));
      expect(articles[0]).toEqual(secrets.articles[0]);
      expect(await repo.getHeading('99.99')).toBeNull();
      expect(await repo.listArticles('99.99')).toEqual([]);
    });

    it('finds an article by its code, and by its source document and article', async () => {
      const first = secrets.articles[0];
      if (!first?.source?.documentId) throw new Error('fixture lacks a source');
      expect((await repo.getArticles(first.code)).map((a) => a.contentHash)).toEqual([first.contentHash]);
      expect(await repo.getArticles('1.2.LQ.999')).toEqual([]);
      const bySource = await repo.findBySource(first.source.documentId, first.source.articleNum ?? undefined);
      expect(bySource.map((a) => a.code)).toContain(first.code);
      const wholeDocument = await repo.findBySource(first.source.documentId);
      expect(wholeDocument.length).toBeGreaterThanOrEqual(bySource.length);
      expect(wholeDocument.every((a) => a.source?.documentId === first.source?.documentId)).toBe(true);
    });

    it('lists topics with their headings and article counts', async () => {
      const topics = await repo.listTopics();
      expect(topics.map((t) => t.number)).toEqual([1, 7]);
      expect(topics[0]).toEqual({
        number: 1,
        title: 'An ninh quốc gia',
        headings: [{ id: '1.2', title: secrets.title, articleCount: secrets.articles.length }],
      });
    });

    it('replaces a heading exactly: articles no longer present are gone, lookups see only the new set', async () => {
      const kept = energy.articles.slice(0, 3);
      const dropped = energy.articles[5];
      if (!dropped) throw new Error('fixture too small');
      await repo.replaceHeading({ ...stored(energy, ENERGY), articleCount: kept.length }, kept);
      expect((await repo.listArticles(energy.id)).map((a) => a.code)).toEqual(kept.map((a) => a.code));
      expect(await repo.getArticles(dropped.code)).toEqual([]);
      // Idempotent: the same replacement twice leaves the same state.
      await repo.replaceHeading(stored(energy, ENERGY), energy.articles);
      await repo.replaceHeading(stored(energy, ENERGY), energy.articles);
      expect(await repo.listArticles(energy.id)).toHaveLength(energy.articles.length);
      expect((await repo.getArticles(dropped.code)).length).toBeGreaterThanOrEqual(1);
    });
  });
}
