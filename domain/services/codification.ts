/**
 * Importing the Bộ pháp điển export (domain/codify reads it) into the store and the search index, and reading it
 * back. Re-importing an unchanged heading writes nothing; a changed one is replaced whole and reported as
 * added / removed / changed articles.
 */
import { eIdPart } from '../eid';
import { diffImports } from '../codify/diff';
import { parseHeadingHtml, parseTree } from '../codify/export';
import { incorporationsOf } from '../codify/notes';
import type { CodifiedArticle, CodifiedHeading, Topic } from '../codify/types';
import { issuerLabel } from '../issuers';
import type { Diagnostic } from '../model';
import type { Ports, SearchEntry, StoredHeading, TopicSummary } from '../ports';
import { referenceKey } from '../refs';
import { normalizeText } from '../text/normalize';
import type { ConsolidatedUnit } from '../consolidate/engine';
import type { Effect } from '../effects/types';
import { consolidatedDocument } from './consolidation';
import { vietnamDate } from '../dates';
import { datedStatus } from './search';

/** The search index's "work" for a heading's codified articles: removing it drops all their entries at once. */
export const headingWorkId = (headingId: string) => `phapdien/${headingId}`;

export interface HeadingImportReport {
  headingId: string;
  title: string;
  articles: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** False when the stored heading was identical: nothing was written. */
  written: boolean;
  diagnostics: Diagnostic[];
}

const oneLine = (text: string) => normalizeText(text).replace(/\s+/g, ' ').trim();

/** Topics with their headings in order; a heading whose topic the tree does not list gets `Chủ đề N`. */
export function topicSummaries(topics: Topic[], headings: StoredHeading[]): TopicSummary[] {
  const out = new Map<number, TopicSummary>();
  for (const t of [...topics].sort((a, b) => a.number - b.number)) out.set(t.number, { number: t.number, title: t.title, headings: [] });
  for (const h of [...headings].sort((a, b) => a.topic - b.topic || compareHeadingIds(a.id, b.id))) {
    let t = out.get(h.topic);
    if (!t) {
      t = { number: h.topic, title: `Chủ đề ${h.topic}`, headings: [] };
      out.set(h.topic, t);
    }
    t.headings.push({ id: h.id, title: h.title, articleCount: h.articleCount });
  }
  return [...out.values()].sort((a, b) => a.number - b.number);
}

/** `36.3` before `36.10`. */
export function compareHeadingIds(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

/** Search entries for a heading's codified articles (docs/adr/0008: kind `codified`, sectors = the chủ đề). */
export function codifiedEntries(heading: Pick<CodifiedHeading, 'id' | 'title'>, articles: CodifiedArticle[], version: number, today: string): SearchEntry[] {
  return articles.map((a) => {
    const s = a.source;
    return {
      id: `phapdien#${a.headingId}#${a.code}${a.occurrence > 1 ? `#${a.occurrence}` : ''}`,
      workId: headingWorkId(heading.id),
      kind: 'codified',
      eId: a.code,
      documentNumber: s?.documentNumber ?? null,
      documentType: s?.documentType ?? 'unknown',
      title: a.title || null,
      documentTitle: `Đề mục ${heading.id}. ${heading.title}`,
      text: oneLine(a.text),
      citation: `Điều ${a.code}`,
      issuers: s?.issuer ? [issuerLabel(s.issuer)] : [],
      issued: s?.issued ?? null,
      effective: s?.effective ?? null,
      expiry: s?.expires ?? null,
      status: datedStatus({ effective: s?.effective ?? null, expiry: s?.expires ?? null }, today),
      sectors: [String(a.topic)],
      scope: 'central',
      province: null,
      version,
    };
  });
}

const structureKey = (h: Pick<StoredHeading, 'id' | 'topic' | 'title' | 'nodes'>) => JSON.stringify([h.id, h.topic, h.title, h.nodes]);

/** Imports one đề mục file (its HTML). */
/** `bulk`: one file of a bulk import that ends with `ports.search.optimize()` (SearchIndex.upsert). */
export async function importHeading(
  ports: Pick<Ports, 'codification' | 'search' | 'clock'>,
  html: string,
  file: string | null,
  options: { bulk?: boolean } = {},
): Promise<HeadingImportReport> {
  const { heading, diagnostics } = parseHeadingHtml(html, file ?? undefined);
  const [stored, before] = await Promise.all([ports.codification.getHeading(heading.id), ports.codification.listArticles(heading.id)]);
  // The export reuses a number for a withdrawn heading ("... (loại bỏ)") or an empty placeholder file: such a file
  // never replaces the articles another file of the same number brought.
  if (stored && stored.file !== file && heading.articles.length === 0) {
    return {
      headingId: heading.id,
      title: heading.title,
      articles: 0,
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 0,
      written: false,
      diagnostics: [
        ...diagnostics,
        {
          code: 'heading_number_reused',
          severity: 'warning',
          message: `Đề mục ${heading.id} "${heading.title}" has no article in file ${file ?? '?'}; file ${stored.file} already holds this number ("${stored.title}", ${stored.articleCount} articles): kept it`,
        },
      ],
    };
  }
  if (stored && stored.file !== file && stored.articleCount > 0)
    diagnostics.push({
      code: 'heading_number_reused',
      severity: 'warning',
      message: `Đề mục ${heading.id} was imported from file ${stored.file} ("${stored.title}"); file ${file ?? '?'} ("${heading.title}") replaces it`,
    });
  const diff = diffImports(before, heading.articles);
  // Articles stored before `incorporates` existed are written again once, with it (their content is unchanged).
  const same =
    stored !== null &&
    structureKey(stored) === structureKey(heading) &&
    diff.added.length + diff.removed.length + diff.changed.length === 0 &&
    before.every((a) => a.incorporates !== undefined);
  const report: HeadingImportReport = {
    headingId: heading.id,
    title: heading.title,
    articles: heading.articles.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged,
    written: !same,
    diagnostics,
  };
  if (same) return report;
  const now = ports.clock.now();
  await ports.codification.replaceHeading(
    {
      id: heading.id,
      topic: heading.topic,
      title: heading.title,
      nodes: heading.nodes,
      articleCount: heading.articles.length,
      file,
      importedAt: now.toISOString(),
    },
    heading.articles,
  );
  await ports.search.removeWork(headingWorkId(heading.id));
  const entries = codifiedEntries(heading, heading.articles, now.getTime(), vietnamDate(now));
  for (let i = 0; i < entries.length; i += 500) await ports.search.upsert(entries.slice(i, i + 500), options);
  return report;
}

/** Imports tree.json: the topics (the heading list is informative: headings come from their files). */
export async function importTree(ports: Pick<Ports, 'codification'>, json: string): Promise<{ topics: Topic[]; diagnostics: Diagnostic[] }> {
  const tree = parseTree(json);
  await ports.codification.putTopics(tree.topics);
  return { topics: tree.topics, diagnostics: tree.diagnostics };
}

/** A codified article as served: its code, title, text and where it comes from. */
export interface CodifiedArticleView {
  code: string;
  heading: string;
  text: string;
  path: string[];
  source: { documentNumber: string | null; documentId: string | null; articleNum: string | null; effective: string | null; note: string } | null;
  notes: string[];
  crossReferences: { code: string | null; text: string }[];
}

export function articleView(a: CodifiedArticle): CodifiedArticleView {
  return {
    code: a.code,
    heading: a.title,
    text: a.text,
    path: a.path,
    source: a.source
      ? {
          documentNumber: a.source.documentNumber,
          documentId: a.source.documentId,
          articleNum: a.source.articleNum,
          effective: a.source.effective,
          note: a.source.raw,
        }
      : null,
    notes: a.notes.map((n) => n.text),
    crossReferences: a.crossRefs.map((c) => ({ code: c.code, text: c.text })),
  };
}

/** A heading with its structure and articles; null when it was never imported. */
export async function headingView(ports: Pick<Ports, 'codification'>, id: string) {
  const heading = await ports.codification.getHeading(id.trim());
  if (!heading) return null;
  const articles = await ports.codification.listArticles(heading.id);
  return { id: heading.id, topic: heading.topic, title: heading.title, nodes: heading.nodes, articles: articles.map(articleView) };
}

/** Rebuilds the codified articles' search entries from the store (after a lost index or a mapping change). */
export async function reindexCodification(ports: Pick<Ports, 'codification' | 'search' | 'clock'>): Promise<number> {
  const now = ports.clock.now();
  let n = 0;
  for (const topic of await ports.codification.listTopics())
    for (const h of topic.headings) {
      const articles = await ports.codification.listArticles(h.id);
      await ports.search.removeWork(headingWorkId(h.id));
      const entries = codifiedEntries(h, articles, now.getTime(), vietnamDate(now));
      for (let i = 0; i < entries.length; i += 500) await ports.search.upsert(entries.slice(i, i + 500));
      n += articles.length;
    }
  return n;
}

/**
 * The date a codified text is from: its source's effective date, or the latest amendment its notes record (the source
 * note's list and the amendment notes printed in the text).
 */
export function codifiedFrom(a: CodifiedArticle): string | null {
  const dates = [a.source?.effective ?? null, ...(a.source?.amendedBy ?? []).map((x) => x.effective), ...incorporationsOf(a).map((x) => x.effective)].filter(
    (d): d is string => !!d,
  );
  return dates.length ? (dates.sort().at(-1) ?? null) : null;
}

const articleEId = (num: string) => eIdPart('article', num);
const within = (eId: string, of: string) => eId === of || eId.startsWith(`${of}__`);

/** Text of a consolidated unit and everything under it, one unit a line. */
function unitText(u: ConsolidatedUnit): string {
  const label = u.kind === 'clause' ? `${u.num}. ` : u.kind === 'point' ? `${u.num}) ` : '';
  const own = `${label}${u.text}`.trim();
  return [own, ...u.children.map(unitText)].filter(Boolean).join('\n');
}

/**
 * A heading with its articles; `at` given, articles whose source document is in the database take their text
 * from its consolidated version at that date, and every article says whether its source changed since (stale).
 */
export async function headingAt(ports: Pick<Ports, 'codification' | 'works' | 'units' | 'links'>, id: string, at: string | null) {
  const view = await headingView(ports, id);
  if (!view) return null;
  const stored = await ports.codification.listArticles(view.id);
  const consolidated = new Map<string, Map<string, ConsolidatedUnit> | null>();
  const effects = new Map<string, Effect[]>();
  const articles = [];
  for (const [i, a] of view.articles.entries()) {
    const raw = stored[i] as CodifiedArticle;
    const docId = a.source?.documentId ?? null;
    let text = a.text;
    let textFrom: 'export' | 'consolidated' = 'export';
    let stale = false;
    if (docId && a.source?.articleNum) {
      if (!effects.has(docId)) effects.set(docId, (await ports.works.get(docId)) ? (await ports.links.incoming(docId)).effects : []);
      stale = staleEffect(raw, effects.get(docId) ?? [], at ?? '9999-12-31') !== null;
      if (at) {
        if (!consolidated.has(docId)) {
          const work = await ports.works.get(docId);
          consolidated.set(docId, work ? flattenConsolidated((await consolidatedDocument(ports, docId, at)).units) : null);
        }
        const unit = consolidated.get(docId)?.get(articleEId(a.source.articleNum));
        if (unit) {
          text = unitText({ ...unit, num: '', kind: 'article' });
          textFrom = 'consolidated';
        }
      }
    }
    articles.push({ ...a, text, textFrom, stale });
  }
  return { ...view, at, articles };
}

function flattenConsolidated(units: ConsolidatedUnit[]): Map<string, ConsolidatedUnit> {
  const out = new Map<string, ConsolidatedUnit>();
  const walk = (us: ConsolidatedUnit[]) => {
    for (const u of us) {
      out.set(u.eId, u);
      walk(u.children);
    }
  };
  walk(units);
  return out;
}

/**
 * The newest effect on the codified article's source article, up to `asOf`, that the codified text does not carry:
 * dated after the codified text (codifiedFrom) and made by a document its notes do not name (matched by referenceKey
 * of the number, so a provision of an incorporated document that took effect later is not news either).
 */
export function staleEffect(a: CodifiedArticle, effects: Effect[], asOf: string): Effect | null {
  const num = a.source?.articleNum;
  if (!num) return null;
  const from = codifiedFrom(a);
  const target = articleEId(num);
  const held = new Set(incorporationsOf(a).map((i) => referenceKey(i.documentNumber)));
  const carried = (e: Effect) => held.has(referenceKey(e.source.workId)) || (e.source.number !== null && held.has(referenceKey(e.source.number)));
  const newer = effects
    .filter(
      (e) => e.target.eId && within(e.target.eId, target) && e.effectiveFrom && e.effectiveFrom <= asOf && (!from || e.effectiveFrom > from) && !carried(e),
    )
    .sort((x, y) => (x.effectiveFrom ?? '').localeCompare(y.effectiveFrom ?? ''));
  return newer.at(-1) ?? null;
}

/**
 * The codifiers' work list: codified articles whose source article has a version newer than the codified text. Each
 * item says what the article already carries by its notes (`incorporates`, each with the note's words as ground).
 */
export async function staleArticles(ports: Pick<Ports, 'codification' | 'works' | 'links'>, asOf: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const work of page.items) {
      if (work.withdrawn) continue;
      const codified = await ports.codification.findBySource(work.id);
      if (codified.length === 0) continue;
      const effects = (await ports.links.incoming(work.id)).effects;
      for (const a of codified) {
        const e = staleEffect(a, effects, asOf);
        if (!e?.effectiveFrom) continue;
        items.push({
          code: a.code,
          headingId: a.headingId,
          documentId: work.id,
          documentNumber: work.number,
          articleNum: a.source?.articleNum ?? null,
          codifiedFrom: codifiedFrom(a),
          changedFrom: e.effectiveFrom,
          effect: { id: e.id, operation: e.operation, sourceWorkId: e.source.workId, sourceNumber: e.source.number ?? null, target: e.target.eId },
          incorporates: incorporationsOf(a).map((i) => ({
            documentNumber: i.documentNumber,
            units: i.units,
            target: i.target,
            effective: i.effective,
            from: i.from,
            ground: i.text,
          })),
        });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { items };
}
