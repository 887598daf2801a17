import type { UnitRepository } from '../../domain/ports';
import type { StoredUnit } from '../../domain/units';
import type { Db } from './db';

export class SqliteUnitRepository implements UnitRepository {
  constructor(private readonly db: Db) {}

  async replaceUnits(setId: string, units: StoredUnit[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO units (set_id, e_id, ord, body) VALUES (?, ?, ?, ?)');
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM units WHERE set_id = ?').run(setId);
        for (const u of units) insert.run(setId, u.eId, u.ord, JSON.stringify(u));
      })
      .immediate();
  }

  async listUnits(setId: string): Promise<StoredUnit[]> {
    const rows = this.db.prepare('SELECT body FROM units WHERE set_id = ? ORDER BY ord').all(setId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredUnit);
  }

  async getUnit(setId: string, eId: string): Promise<StoredUnit | null> {
    const row = this.db.prepare('SELECT body FROM units WHERE set_id = ? AND e_id = ?').get(setId, eId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredUnit) : null;
  }
}
