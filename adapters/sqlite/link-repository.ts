/** Relations and effects on SQLite: one row each, keyed by source work, indexed by target work. */
import type { Effect } from '../../domain/effects/types';
import type { LinkRepository, Links } from '../../domain/ports';
import type { Relation } from '../../domain/relations/types';
import type { Db } from './db';

export class SqliteLinkRepository implements LinkRepository {
  constructor(private readonly db: Db) {}

  async replaceExtracted(sourceWorkId: string, links: Links): Promise<void> {
    const insert = this.db.prepare('INSERT INTO links (source_work_id, kind, ord, target_work_id, body) VALUES (?, ?, ?, ?, ?)');
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM links WHERE source_work_id = ?').run(sourceWorkId);
        links.relations.forEach((r, i) => {
          insert.run(sourceWorkId, 'relation', i, r.target.workId, JSON.stringify(r));
        });
        links.effects.forEach((e, i) => {
          insert.run(sourceWorkId, 'effect', i, e.target.workId, JSON.stringify(e));
        });
      })
      .immediate();
  }

  private read(where: string, id: string): Links {
    const rows = this.db.prepare(`SELECT kind, body FROM links WHERE ${where} = ? ORDER BY source_work_id, kind, ord`).all(id) as {
      kind: string;
      body: string;
    }[];
    return {
      relations: rows.filter((r) => r.kind === 'relation').map((r) => JSON.parse(r.body) as Relation),
      effects: rows.filter((r) => r.kind === 'effect').map((r) => JSON.parse(r.body) as Effect),
    };
  }

  async incoming(targetWorkId: string): Promise<Links> {
    return this.read('target_work_id', targetWorkId);
  }

  async outgoing(sourceWorkId: string): Promise<Links> {
    return this.read('source_work_id', sourceWorkId);
  }
}
