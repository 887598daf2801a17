/** The Bộ pháp điển on SQLite: one row per topic, heading and codified article (bodies as JSON). */
import type { CodifiedArticle, Topic } from '../../domain/codify/types';
import type { CodificationRepository, StoredHeading, TopicSummary } from '../../domain/ports';
import { topicSummaries } from '../../domain/services/codification';
import type { Db } from './db';

export class SqliteCodificationRepository implements CodificationRepository {
  constructor(private readonly db: Db) {}

  async putTopics(topics: Topic[]): Promise<void> {
    const put = this.db.prepare('INSERT INTO codify_topics (number, title) VALUES (?, ?) ON CONFLICT(number) DO UPDATE SET title = excluded.title');
    this.db.transaction(() => {
      for (const t of topics) put.run(t.number, t.title);
    })();
  }

  async replaceHeading(heading: StoredHeading, articles: CodifiedArticle[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO codify_articles (heading_id, ord, code, source_document_id, source_article, body) VALUES (?, ?, ?, ?, ?, ?)');
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM codify_articles WHERE heading_id = ?').run(heading.id);
        this.db
          .prepare('INSERT INTO codify_headings (id, topic, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET topic = excluded.topic, body = excluded.body')
          .run(heading.id, heading.topic, JSON.stringify(heading));
        articles.forEach((a, i) => {
          insert.run(heading.id, i, a.code, a.source?.documentId ?? null, a.source?.articleNum ?? null, JSON.stringify(a));
        });
      })
      .immediate();
  }

  async getHeading(id: string): Promise<StoredHeading | null> {
    const row = this.db.prepare('SELECT body FROM codify_headings WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredHeading) : null;
  }

  async listArticles(headingId: string): Promise<CodifiedArticle[]> {
    const rows = this.db.prepare('SELECT body FROM codify_articles WHERE heading_id = ? ORDER BY ord').all(headingId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as CodifiedArticle);
  }

  async getArticles(code: string): Promise<CodifiedArticle[]> {
    const rows = this.db.prepare('SELECT body FROM codify_articles WHERE code = ? ORDER BY heading_id, ord').all(code) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as CodifiedArticle);
  }

  async listTopics(): Promise<TopicSummary[]> {
    const topics = this.db.prepare('SELECT number, title FROM codify_topics').all() as Topic[];
    const headings = (this.db.prepare('SELECT body FROM codify_headings').all() as { body: string }[]).map((r) => JSON.parse(r.body) as StoredHeading);
    return topicSummaries(topics, headings);
  }

  async findBySource(documentId: string, articleNum?: string): Promise<CodifiedArticle[]> {
    const rows = (
      articleNum === undefined
        ? this.db.prepare('SELECT body FROM codify_articles WHERE source_document_id = ? ORDER BY heading_id, ord').all(documentId)
        : this.db
            .prepare('SELECT body FROM codify_articles WHERE source_document_id = ? AND source_article = ? ORDER BY heading_id, ord')
            .all(documentId, articleNum)
    ) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as CodifiedArticle);
  }
}
