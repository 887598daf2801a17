/**
 * Deriving what a work says about others — relations (domain/relations) and amendment effects (domain/effects) —
 * from its stored original, as a stream consumer step: the same on AWS (the stream Lambda) and locally (the
 * outbox). Re-reading a work replaces its links whole, so a replayed change converges.
 */
import { parseInstructions } from '../effects/instructions';
import { applyReviews, relationEvents } from '../history/derive';
import type { Diagnostic, SourceFile, Work } from '../model';
import { readDocument } from '../parse/formats';
import { keptParse } from '../parse/memo';
import { parseDocument } from '../parse/parse';
import type { Links, Ports } from '../ports';
import { extractRelations } from '../relations/extract';
import { originalBytes } from './sources';
import type { Relation } from '../relations/types';

/** The original's parse, read back from the blob store. */
async function parseOriginal(ports: Pick<Ports, 'blobs'>, id: string, source: SourceFile) {
  const { text, format } = await readDocument(source.fileName, await originalBytes(ports, id, source));
  return parseDocument(text, format);
}

/** Relations and effects read from one work's text (the parse ingestion kept, when this process made it). */
export async function readLinks(ports: Pick<Ports, 'blobs' | 'works'>, work: Work): Promise<Links> {
  return (await readLinksAndFindings(ports, work)).links;
}

/**
 * The links, and what the instruction reader recognised but could not read (`effects.unparsed_instruction`,
 * `effects.partial_instruction`, …, with their lines): the quality report's findings, which the link store does not keep.
 */
export async function readLinksAndFindings(ports: Pick<Ports, 'blobs' | 'works'>, work: Work): Promise<{ links: Links; instructionFindings: Diagnostic[] }> {
  const primary = work.sources[0];
  if (!primary) return { links: { relations: [], effects: [] }, instructionFindings: [] };
  const parsed = keptParse(primary) ?? (await parseOriginal(ports, work.id, primary));
  const relations = await resolveNames(ports, extractRelations(work, parsed).relations);
  // The document an amending text is named after ("... sửa đổi, bổ sung một số điều của Thông tư số 09/2022/...").
  const amended =
    relations.find((r) => r.type === 'amends' && r.target.workId && !r.target.eId) ?? relations.find((r) => r.type === 'amends' && r.target.workId);
  const defaultTarget = amended?.target.workId ? { workId: amended.target.workId, number: amended.target.number ?? '' } : null;
  // A consolidated text (VBHN) restates its documents' instructions; they are not its own.
  const read =
    work.type === 'van_ban_hop_nhat'
      ? { effects: [], diagnostics: [] }
      : parseInstructions({ id: work.id, number: work.number ?? work.id, effective: work.effective }, parsed, defaultTarget);
  return { links: { relations, effects: read.effects }, instructionFindings: read.diagnostics };
}

/**
 * Documents cited by name and date ("Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020") point at the work the
 * database holds under that name (refs.ts nameKeys) when there is exactly one; else they keep their placeholder, and
 * the citing document is read again when such a work arrives (services/changes.ts).
 */
async function resolveNames(ports: Pick<Ports, 'works'>, relations: Relation[]): Promise<Relation[]> {
  const found = new Map<string, Work | null>();
  const out: Relation[] = [];
  for (const r of relations) {
    const key = r.target.nameKey;
    if (!key || r.target.number) {
      out.push(r);
      continue;
    }
    if (!found.has(key)) {
      const works = await ports.works.findByNameKey(key);
      found.set(key, works.length === 1 ? (works[0] as Work) : null);
    }
    const w = found.get(key);
    out.push(w && w.id !== r.source.workId ? { ...r, target: { ...r.target, workId: w.id, number: w.number } } : r);
  }
  return out;
}

/**
 * Re-reads the links of these works; returns the works whose incoming links changed (targets before and after),
 * whose status and index entries must be refreshed.
 */
export async function linkWorks(
  ports: Pick<Ports, 'works' | 'blobs' | 'links' | 'history' | 'clock'>,
  ids: string[],
): Promise<{ linked: string[]; affected: string[] }> {
  const linked: string[] = [];
  const affected = new Set<string>();
  for (const id of [...new Set(ids)]) {
    const before = await ports.links.outgoing(id);
    const work = await ports.works.get(id);
    // A withdrawn work (services/withdrawal.ts) says nothing about others: its relations and effects are retracted.
    const read = work && !work.withdrawn ? await readLinks(ports, work) : { relations: [], effects: [] };
    // Reviewers' edits (who, when, why) stand over what the text says.
    const after = { ...read, relations: work?.withdrawn ? [] : applyReviews(read.relations, work?.reviews ?? []) };
    // History first: if the write below fails, the replay derives the same events (same ids) and appends nothing twice.
    const who =
      work?.lastChange && ['review', 'withdraw', 'reinstate'].includes(work.lastChange.action)
        ? { actor: work.lastChange.actor, reason: work.lastChange.reason }
        : { actor: 'system', reason: 'Đọc từ nội dung văn bản' };
    await ports.history.append(relationEvents(id, work?.version ?? 0, before.relations, after.relations, who, ports.clock.now().toISOString()));
    await ports.links.replaceExtracted(id, after);
    for (const l of [...before.relations, ...after.relations, ...before.effects, ...after.effects])
      if (l.target.workId && l.target.workId !== id) affected.add(l.target.workId);
    linked.push(id);
  }
  return { linked, affected: [...affected] };
}
