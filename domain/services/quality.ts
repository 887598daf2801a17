/**
 * The corpus quality report (issue 19, fourth point): for the people who run the national database, where the
 * machine needs a human — per document and in total: metadata completeness, parse and lint diagnostics kept with the
 * work, citations that name no document, placeholders (cited documents not in the database), amendment effects that
 * could not be applied (with the reason), and suspicious structure (numbering gaps, very long units). Worst first.
 */
import { consolidate } from '../consolidate/engine';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { buildTree, type StoredUnit } from '../units';
import { readLinksAndFindings } from './links';
import { assessWorkSectors } from './sectors';

/** The metadata every document should have (issue 19: ≥ 98% each over the corpus). */
export const METADATA_FIELDS = ['number', 'type', 'issuers', 'issued', 'signer', 'title'] as const;
type MetadataField = (typeof METADATA_FIELDS)[number];

/** A unit longer than this (characters of its own text) is flagged: usually a missed heading or list. */
export const LONG_UNIT_CHARS = 20_000;

export interface DocumentQuality {
  documentId: string;
  documentNumber: string | null;
  type: string;
  title: string | null;
  /** 0 (needs a human everywhere) to 1 (nothing found). */
  score: number;
  missing: MetadataField[];
  diagnostics: { code: string; severity: string; message: string }[];
  /** Citations that name no document (no number, no name and date): their text. */
  unresolved: { type: string; text: string }[];
  /** Cited documents not in the database (by number or by name). */
  placeholders: number;
  /** Amendment effects on this document that could not be applied, with the reason. */
  unapplied: { targetEId: string; reason: string; sourceNumber: string | null }[];
  /** Numbering gaps and very long units. */
  structure: { code: 'numbering_gap' | 'long_unit'; eId: string; message: string }[];
  /**
   * This document's own amendment instructions: the sentences read as one (by their line), and how many of them gave
   * effects with nothing left unread (no `effects.unparsed_instruction` or `effects.partial_instruction` on that line).
   */
  instructions: { sentences: number; parsed: number };
  /**
   * The sector the document is filed under first, with the classifier's confidence (domain/sectors/confidence.ts); a
   * reviewer's confirmation is 1. `needsReview` below SECTOR_REVIEW_BELOW.
   */
  sector: { code: string | null; confidence: number; needsReview: boolean };
}

export interface QualityReport {
  documents: number;
  totals: {
    /** Share of documents with each metadata field. */
    metadata: Record<MetadataField, number>;
    diagnostics: number;
    citations: number;
    unresolved: number;
    /** Share of citations (relations to another document) that name a document (a work or a placeholder). */
    citationsResolved: number;
    placeholders: number;
    effects: number;
    unapplied: number;
    /** Share of the amendment effects on the documents that apply. */
    effectsApplied: number;
    /** Documents whose sector a human should look at (low confidence, or none filed). */
    sectorsToReview: number;
    /** The documents' own amendment instruction sentences, and the share read into effects in full. */
    instructions: { sentences: number; parsed: number; share: number };
    structure: number;
  };
  /** The documents, worst first (at most `limit`). */
  worst: DocumentQuality[];
}

const present = (w: Work, f: MetadataField) => {
  const v = w[f];
  return !(v === null || v === undefined || v === 'unknown' || (Array.isArray(v) && v.length === 0));
};

/** `6a` counts as following `6`; letters of points follow the Vietnamese alphabet. */
const ORDER = 'abcdđeghiklmnopqrstuvxy';
function ordinal(num: string): number | null {
  if (/^\d+$/.test(num)) return Number(num);
  if (num.length === 1 && ORDER.includes(num)) return ORDER.indexOf(num) + 1;
  return null;
}

export function structureOf(units: StoredUnit[]): DocumentQuality['structure'] {
  const out: DocumentQuality['structure'] = [];
  const byParent = new Map<string, StoredUnit[]>();
  for (const u of units) {
    if (u.text.length > LONG_UNIT_CHARS) out.push({ code: 'long_unit', eId: u.eId, message: `${u.citation}: ${u.text.length} ký tự trong một đơn vị` });
    if (u.kind !== 'article' && u.kind !== 'clause' && u.kind !== 'point') continue;
    const key = `${u.kind}|${u.kind === 'article' ? '' : (u.parent ?? '')}`;
    byParent.set(key, [...(byParent.get(key) ?? []), u]);
  }
  for (const list of byParent.values()) {
    let prev: number | null = null;
    for (const u of list) {
      const n = ordinal(u.num);
      if (n === null) continue;
      if (prev !== null && n > prev + 1) out.push({ code: 'numbering_gap', eId: u.eId, message: `${u.citation}: số thứ tự nhảy từ ${prev} lên ${n}` });
      prev = n;
    }
  }
  return out;
}

/** Diagnostics of an instruction sentence the reader could not read, or read only in part. */
const UNREAD_INSTRUCTION = new Set(['effects.unparsed_instruction', 'effects.partial_instruction']);

/**
 * A document's amendment instruction sentences, counted by their line: those that gave effects, and those the reader
 * recognised but could not read (in part or at all). A sentence read in part counts once, as not parsed.
 */
export function instructionsOf(own: { source: { line: number } }[], warnings: { code: string; line?: number }[]): DocumentQuality['instructions'] {
  const read = new Set(own.map((e) => e.source.line));
  const unread = new Set(warnings.filter((w) => UNREAD_INSTRUCTION.has(w.code)).map((w) => w.line ?? -1));
  const sentences = new Set([...read, ...unread]).size;
  return { sentences, parsed: [...read].filter((l) => !unread.has(l)).length };
}

/** The quality of one document, from what the store holds about it. */
export async function documentQuality(
  ports: Pick<Ports, 'works' | 'units' | 'links' | 'blobs' | 'codification'>,
  work: Work,
): Promise<DocumentQuality & { citations: number; effects: number }> {
  const units = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
  const [out, inc] = await Promise.all([ports.links.outgoing(work.id), ports.links.incoming(work.id)]);
  const cited = out.relations.filter((r) => r.source.workId === work.id && r.type !== 'consolidates');
  const unresolved = cited.filter((r) => !r.target.workId).map((r) => ({ type: r.type, text: r.target.text }));
  let placeholders = 0;
  const seen = new Map<string, boolean>();
  for (const r of cited) {
    const id = r.target.workId;
    if (!id || id === work.id) continue;
    if (!seen.has(id)) seen.set(id, !!(await ports.works.get(id)));
    if (!seen.get(id)) placeholders++;
  }
  const effects = inc.effects.filter((e) => e.source.workId !== work.id);
  // What the instruction reader could not read is not stored with the links: the original is read again for it.
  const own = out.effects.filter((e) => e.source.workId === work.id);
  const findings = work.type === 'van_ban_hop_nhat' ? [] : (await readLinksAndFindings(ports, work)).instructionFindings;
  const instructions = instructionsOf(own, findings);
  const result = effects.length > 0 ? consolidate({ workId: work.id, units: buildTree(units), effective: work.effective }, effects, '9999-12-31') : null;
  const byId = new Map(effects.map((e) => [e.id, e]));
  const unapplied = (result?.unapplied ?? []).map((u) => ({
    targetEId: u.targetEId,
    reason: u.reason,
    sourceNumber: byId.get(u.effectId)?.source.number ?? null,
  }));
  const missing = METADATA_FIELDS.filter((f) => !present(work, f));
  const diagnostics = [...work.warnings, ...findings.filter((d) => d.severity !== 'info')].map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
  }));
  const structure = structureOf(units);
  const assessed = await assessWorkSectors(ports, work, units);
  const sector = { code: assessed.codes[0] ?? null, confidence: Number(assessed.confidence.toFixed(2)), needsReview: assessed.needsReview };
  // Each kind of finding costs a share of the score: what matters most to a reader first.
  const penalty =
    0.1 * missing.length +
    0.25 * (cited.length ? unresolved.length / cited.length : 0) +
    0.25 * (effects.length ? unapplied.length / effects.length : 0) +
    0.02 * Math.min(diagnostics.length, 5) +
    0.02 * Math.min(structure.length, 5) +
    0.1 * (instructions.sentences ? (instructions.sentences - instructions.parsed) / instructions.sentences : 0) +
    (sector.needsReview ? 0.05 : 0);
  return {
    documentId: work.id,
    documentNumber: work.number,
    type: work.type,
    title: work.title,
    score: Number(Math.max(0, 1 - penalty).toFixed(3)),
    missing,
    diagnostics,
    unresolved,
    placeholders,
    unapplied,
    structure,
    instructions,
    sector,
    citations: cited.length,
    effects: effects.length,
  };
}

/** The report over every document of the store (bounded pages of 100), worst first. */
export async function qualityReport(ports: Pick<Ports, 'works' | 'units' | 'links' | 'blobs' | 'codification'>, limit = 50): Promise<QualityReport> {
  const all: (DocumentQuality & { citations: number; effects: number })[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    // A withdrawn document (services/withdrawal.ts) is not part of the corpus reported on.
    for (const w of page.items) if (!w.withdrawn) all.push(await documentQuality(ports, w));
    cursor = page.nextCursor;
  } while (cursor);
  const n = all.length || 1;
  const sum = (f: (d: (typeof all)[number]) => number) => all.reduce((s, d) => s + f(d), 0);
  const share = (part: number, whole: number) => (whole ? Number((part / whole).toFixed(3)) : 1);
  const citations = sum((d) => d.citations);
  const unresolved = sum((d) => d.unresolved.length);
  const effects = sum((d) => d.effects);
  const unapplied = sum((d) => d.unapplied.length);
  const sentences = sum((d) => d.instructions.sentences);
  const parsed = sum((d) => d.instructions.parsed);
  return {
    documents: all.length,
    totals: {
      metadata: Object.fromEntries(METADATA_FIELDS.map((f) => [f, share(all.filter((d) => !d.missing.includes(f)).length, n)])) as Record<
        MetadataField,
        number
      >,
      diagnostics: sum((d) => d.diagnostics.length),
      citations,
      unresolved,
      citationsResolved: share(citations - unresolved, citations),
      placeholders: sum((d) => d.placeholders),
      effects,
      unapplied,
      effectsApplied: share(effects - unapplied, effects),
      instructions: { sentences, parsed, share: share(parsed, sentences) },
      structure: sum((d) => d.structure.length),
      sectorsToReview: all.filter((d) => d.sector.needsReview).length,
    },
    worst: [...all]
      .sort((a, b) => a.score - b.score || a.documentId.localeCompare(b.documentId))
      .slice(0, limit)
      .map(({ citations: _c, effects: _e, ...d }) => d),
  };
}
