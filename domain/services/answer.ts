/**
 * Cited answers to a question at a date (issue 17, docs/adr/0016): the units and codified articles that answer it,
 * each with its text as in force on that date, its citation and permalink, its status with the ground, the codified
 * articles that carry it, and a confidence; no answer ("no provision found") rather than weak matches.
 *
 * First stage: the engine's bm25 over passage terms (SearchIndex.passages; domain/text/question.ts). Then each
 * candidate is read as it stands on `at` — a unit of a document in the database through consolidation and the status
 * engine, a codified article through its source note (or its source document when the database has it) — and the
 * ones not in force on `at` are listed apart, never as answers.
 */
import { unitsText } from '../consolidate/render';
import type { CodifiedArticle } from '../codify/types';
import { isCalendarDate } from '../dates';
import { DomainError } from '../errors';
import type { Ports, SearchFilters, SearchHit } from '../ports';
import type { ConsolidatedUnit } from '../consolidate/engine';
import type { Work } from '../model';
import { STATUS_LABELS, type Reason, type StatusCode, type StatusInput, statusAt, unitStatusAt } from '../status/engine';
import { passageText, type QuestionTerms, questionTerms, termCounts } from '../text/question';
import { type RankCandidate, type RankingModel, rankPassages } from '../text/ranking';
import { typeRank } from '../document-types';
import { RANKING_MODEL } from '../text/ranking-model';
import { citationFromEId, type StoredUnit } from '../units';
import { consolidatedDocument } from './consolidation';
import { articleNumOf, datedStatus, MAX_QUERY_CHARS } from './search';
import { statusInputFor } from './status';

/** The engine's candidates for a question (its own bm25, the rare terms on SQLite), ranked again by rankPassages. */
export const PASSAGE_CANDIDATES = 100;
/** Ranked passages the answer reads, at most, to find its answers in force. */
export const ANSWER_CANDIDATES = 30;
export const MAX_ANSWERS = 10;
/**
 * Below this confidence the best candidate is not an answer. Confidence is the share of the question's meaning-
 * bearing pairs of syllables (or, for a question without pairs, of its syllables) that the passage holds.
 */
export const ABSTAIN_BELOW = 0.3;

export interface AnswerStatus {
  code: StatusCode;
  label: string;
  /** The ground: which document, which unit, from which date. */
  reasons: Reason[];
}

export interface CodifiedRef {
  code: string;
  headingId: string;
  title: string;
}

export interface Answer {
  kind: SearchHit['kind'];
  workId: string;
  documentNumber: string | null;
  documentTitle: string | null;
  eId: string | null;
  citation: string | null;
  heading: string | null;
  /** The text as in force on `at` (the unit and everything inside it). */
  text: string;
  status: AnswerStatus;
  /** A web page that shows the unit at `at`. */
  permalink: string;
  /** The Bộ pháp điển articles that carry this unit (for a codified article: itself). */
  codified: CodifiedRef[];
  /** 0–1: how much of the question the passage holds. */
  confidence: number;
  /** The first stage's bm25 score. */
  score: number;
}

export interface AnswerResult {
  q: string;
  at: string;
  answers: Answer[];
  /** Matches that are not in force on `at` (repealed, not yet effective, …), with their status: never answers. */
  notInForce: Answer[];
  /** Why there is no answer, when there is none. */
  abstained: string | null;
}

const IN_FORCE: StatusCode[] = ['in_force', 'partially_expired'];

/** The share of the question's pairs (else syllables) that the passage holds. */
export function confidenceOf({ words, pairs }: QuestionTerms, passage: string): number {
  const asked = pairs.length > 0 ? pairs : words;
  if (asked.length === 0) return 0;
  const { tf } = termCounts(passage, new Map(asked.map((t) => [t, true])), new Set(words));
  return tf.size / asked.length;
}

const refOf = (a: CodifiedArticle): CodifiedRef => ({ code: a.code, headingId: a.headingId, title: a.title });
const encode = encodeURIComponent;

/** A codified article's status at `at` from its source note's dates. */
function codifiedStatus(a: CodifiedArticle | undefined, at: string): AnswerStatus {
  const s = a?.source;
  const ground = s?.documentNumber ? `${s.articleNum ? `Điều ${s.articleNum} ` : ''}${s.documentNumber}` : 'văn bản nguồn';
  const code = datedStatus({ effective: s?.effective ?? null, expiry: s?.expires ?? null }, at);
  if (!s?.effective)
    return {
      code: 'unknown',
      label: STATUS_LABELS.unknown,
      reasons: [{ code: 'no_effective_date', message: `Không rõ ngày có hiệu lực của ${ground}`, date: null }],
    };
  if (code === 'not_yet_in_force')
    return {
      code: 'not_yet_in_force',
      label: STATUS_LABELS.not_yet_in_force,
      reasons: [{ code: 'effective_from', message: `${ground} có hiệu lực từ ngày ${s.effective}`, number: s.documentNumber, date: s.effective }],
    };
  if (code === 'expired')
    return {
      code: 'expired',
      label: STATUS_LABELS.expired,
      reasons: [{ code: 'expiry_date', message: `${ground} hết hiệu lực từ ngày ${s.expires}`, number: s.documentNumber, date: s.expires ?? null }],
    };
  return {
    code: 'in_force',
    label: STATUS_LABELS.in_force,
    reasons: [
      {
        code: 'in_force_since',
        message: `${ground}: có hiệu lực từ ngày ${s.effective} (theo chú thích nguồn của Bộ pháp điển)`,
        number: s.documentNumber,
        date: s.effective,
      },
    ],
  };
}

type AnswerPorts = Pick<Ports, 'search' | 'works' | 'units' | 'links' | 'codification'>;

/** One request's reads, each done once however many candidates share a document. */
function reader(ports: AnswerPorts, at: string) {
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let p = cache.get(key);
    if (!p) {
      p = load();
      cache.set(key, p);
    }
    return p;
  };
  const works = new Map<string, Promise<Work | null>>();
  const texts = new Map<string, Promise<ConsolidatedUnit[]>>();
  const inputs = new Map<string, Promise<StatusInput>>();
  const units = new Map<string, Promise<StoredUnit[]>>();
  const unitsOf = (work: Work) => once(units, work.id, async () => (work.unitSet ? ports.units.listUnits(work.unitSet) : []));
  return {
    work: (id: string) => once(works, id, () => ports.works.get(id)),
    /** The document's units as in force on `at` (consolidated). */
    textAt: (work: Work) => once(texts, work.id, async () => (await consolidatedDocument(ports, work.id, at)).units),
    // With the units: a unit inside a repealed section, or one the amended text dropped, is not in force (as the text says).
    statusInput: (work: Work) => once(inputs, work.id, async () => statusInputFor(ports, work, 0, await unitsOf(work))),
    units: (work: Work) => unitsOf(work),
  };
}
type Reader = ReturnType<typeof reader>;

/** A unit and everything inside it, found by eId in a consolidated tree. */
function findUnit(units: ConsolidatedUnit[], eId: string): ConsolidatedUnit | null {
  for (const u of units) {
    if (u.eId === eId) return u;
    const inner = findUnit(u.children, eId);
    if (inner) return inner;
  }
  return null;
}

/** The article of a document a codified article was taken from, when that document is in the database. */
async function sourceUnit(read: Reader, a: CodifiedArticle | undefined): Promise<{ workId: string; eId: string } | null> {
  const s = a?.source;
  if (!s?.documentId || !s.articleNum) return null;
  const work = await read.work(s.documentId);
  if (!work?.unitSet) return null;
  const unit = (await read.units(work)).find((u) => u.kind === 'article' && u.num === s.articleNum && !u.eId.includes('__'));
  return unit ? { workId: work.id, eId: unit.eId } : null;
}

/** A unit of a document in the database, as it stands on `at`; null when the document is not there. */
async function unitAnswer(read: Reader, hit: SearchHit, workId: string, eId: string, q: QuestionTerms, at: string): Promise<Omit<Answer, 'codified'> | null> {
  const work = await read.work(workId);
  if (!work) return null;
  const unit = findUnit(await read.textAt(work), eId);
  const input = await read.statusInput(work);
  const st = unit ? unitStatusAt(input, eId, at) : statusAt(input, at);
  const text = unit ? unitsText([unit]) : '';
  const notThere: AnswerStatus = {
    code: (at < (work.effective ?? at) ? 'not_yet_in_force' : 'expired') as StatusCode,
    label: '',
    reasons: [
      {
        code: 'unit_not_named',
        message: `${citationFromEId(eId)} ${work.number ?? work.id} không có trong văn bản tại ngày ${at}`,
        workId: work.id,
        number: work.number,
        eId,
        date: at,
      },
      ...st.reasons,
    ],
  };
  notThere.label = STATUS_LABELS[notThere.code];
  return {
    kind: hit.kind === 'codified' ? 'article' : hit.kind,
    workId: work.id,
    documentNumber: work.number,
    documentTitle: work.title,
    eId,
    citation: citationFromEId(eId),
    heading: unit?.heading ?? hit.title,
    text,
    status: unit ? { code: st.status, label: st.label, reasons: st.reasons } : notThere,
    permalink: `/document.html?id=${encode(work.id)}&at=${at}#${encode(eId)}`,
    confidence: confidenceOf(q, passageText(unit?.heading, text)),
    score: hit.score,
  };
}

/** A hit as the second stage reads it (RankCandidate). */
export const rankCandidate = (h: SearchHit): RankCandidate => ({
  heading: h.title,
  text: h.text,
  title: h.documentTitle,
  typeRank: typeRank(h.documentType),
});

/**
 * The units and codified articles that answer a question, best first: the engine's candidates ranked by the second
 * stage (rankPassages: the learned model over features of all the question's terms), the same on every engine.
 * `score` is the model's score; `model` BM25_ONLY ranks by bm25 alone (the benchmark shows both).
 */
export async function rankedPassages(
  ports: Pick<Ports, 'search'>,
  q: string | QuestionTerms,
  limit: number,
  filters: Omit<SearchFilters, 'scope'> = {},
  model: RankingModel = RANKING_MODEL,
): Promise<SearchHit[]> {
  const t = typeof q === 'string' ? questionTerms(q) : q;
  const terms = [...t.words, ...t.pairs];
  if (terms.length === 0) return [];
  const { hits, stats } = await ports.search.passages({ ...filters, terms, limit: Math.max(limit, PASSAGE_CANDIDATES) });
  return rankPassages(
    hits.map((h) => ({ item: h, ...rankCandidate(h) })),
    t,
    stats,
    model,
  )
    .slice(0, limit)
    .map(({ item, score }) => ({ ...item, score }));
}

/** The best units for a question as in force on `at`. */
export async function answerQuestion(ports: AnswerPorts, req: { q: string; at: string; limit?: number }): Promise<AnswerResult> {
  const q = req.q.trim();
  if (q.length > MAX_QUERY_CHARS) throw new DomainError('validation', `The question is longer than ${MAX_QUERY_CHARS} characters`);
  if (!isCalendarDate(req.at)) throw new DomainError('validation', `${req.at} is not a calendar date (YYYY-MM-DD)`);
  const terms = questionTerms(q);
  if (terms.words.length === 0) throw new DomainError('validation', 'The question has no words to search for');
  const limit = Math.min(Math.max(req.limit ?? 5, 1), MAX_ANSWERS);
  const hits = await rankedPassages(ports, terms, ANSWER_CANDIDATES);
  const read = reader(ports, req.at);
  const answers: Answer[] = [];
  const notInForce: Answer[] = [];
  const seen = new Set<string>();
  /** The best confidence of a provision in force that was too weak to answer. */
  let weakest: number | null = null;
  // Once the answers are found, the next `limit` matches are still read for provisions no longer (or not yet) in
  // force: the repealed article a reader may know, listed with its ground just below the one that replaced it.
  let after = 0;
  for (const hit of hits) {
    if (answers.length >= limit && (after++ >= limit || notInForce.length >= limit)) break;
    let answer: Answer | null = null;
    if (hit.kind === 'codified') {
      // The export repeats a few codes within a heading: the entry id ends with the occurrence after the first.
      const occurrence = Number(/^phapdien#[^#]+#[^#]+#(\d+)$/.exec(hit.id)?.[1] ?? 1);
      const article = (await ports.codification.getArticles(hit.eId ?? '')).find(
        (a) => `phapdien/${a.headingId}` === hit.workId && a.occurrence === occurrence,
      );
      const own = await sourceUnit(read, article);
      const codified = article ? [refOf(article)] : [];
      if (own) {
        // The database has the source document: its consolidated text and status are the ground.
        const a = await unitAnswer(read, hit, own.workId, own.eId, terms, req.at);
        if (a) answer = { ...a, codified };
      }
      if (!answer) {
        const text = article?.text ?? hit.text;
        answer = {
          kind: 'codified',
          workId: hit.workId,
          documentNumber: hit.documentNumber,
          documentTitle: hit.documentTitle,
          eId: hit.eId,
          citation: hit.citation,
          heading: hit.title,
          text,
          status: codifiedStatus(article, req.at),
          permalink: `/phapdien.html?code=${encode(hit.eId ?? '')}`,
          codified,
          confidence: confidenceOf(terms, passageText(hit.title, text)),
          score: hit.score,
        };
      }
    } else if (hit.eId) {
      const a = await unitAnswer(read, hit, hit.workId, hit.eId, terms, req.at);
      if (a) {
        // Codified articles cite the document's own articles, not those of an attachment.
        const articleNum = hit.eId.startsWith('art_') ? articleNumOf(hit.eId) : null;
        const codified = articleNum ? (await ports.codification.findBySource(hit.workId, articleNum)).map(refOf) : [];
        answer = { ...a, codified };
      }
    }
    if (!answer) continue;
    const key = `${answer.workId}#${answer.eId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!IN_FORCE.includes(answer.status.code)) {
      if (notInForce.length < limit) notInForce.push(answer);
      continue;
    }
    if (answers.length >= limit) continue;
    if (answer.confidence < ABSTAIN_BELOW) {
      weakest = Math.max(weakest ?? 0, answer.confidence);
      continue;
    }
    answers.push(answer);
  }
  if (answers.length > 0) return { q, at: req.at, answers, notInForce, abstained: null };
  return {
    q,
    at: req.at,
    answers: [],
    notInForce,
    abstained:
      weakest === null
        ? `Không tìm thấy quy định còn hiệu lực tại ngày ${req.at} trả lời câu hỏi này`
        : `Không tìm thấy quy định đủ khớp với câu hỏi (độ khớp cao nhất ${weakest.toFixed(2)})`,
  };
}
