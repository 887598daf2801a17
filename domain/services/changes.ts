/**
 * What happens after a work is written, on every runtime (the DynamoDB stream Lambda on AWS, the outbox locally):
 * its new version goes into its history (domain/history), its links (relations, effects) are re-read from its text, then the search index is brought up to date for it and
 * for every work whose incoming links changed (their status may have changed: a repeal, an amendment).
 */
import type { Ports } from '../ports';
import { recordDocumentVersions } from './history';
import { linkWorks } from './links';
import { indexWorks } from './search';

export async function processWorkChanges(ports: Ports, ids: string[]): Promise<{ indexed: string[]; removed: string[]; affected: string[] }> {
  await recordDocumentVersions(ports, ids);
  const { affected } = await linkWorks(ports, ids);
  const existing: string[] = [];
  for (const id of affected) if (!ids.includes(id) && (await ports.works.get(id))) existing.push(id);
  const res = await indexWorks(ports, [...ids, ...existing]);
  return { ...res, affected: existing };
}
