/**
 * Suggesting a document's sectors from two kinds of evidence, each kept with the suggestion so a reviewer sees why:
 * the codified articles whose source is the document (their chủ đề, counted: the strongest evidence, since a
 * codifier placed them there), and the words of each sector found in the document — its catalogue names (the
 * sector's and its đề mục's) and its vocabulary (lexicon.ts) — in the title, the opening provisions and the rest of
 * the text, weighed in that order.
 *
 * The text is read left to right, taking at each place the longest phrase any sector knows, so a phrase inside a
 * longer one does not count on its own: `Thuế bảo vệ môi trường` is a tax, not Môi trường; `ngân hàng chính sách xã
 * hội` a bank, not Chính sách xã hội; `Bộ Lao động - Thương binh và Xã hội` an agency (counting little), not Lao động.
 */
import { fold, normalizeText, wordsOf } from '../text/normalize';
import { SECTORS } from './catalogue';
import { AGENCIES, AGENCY_PREFIXES, GENERIC, NEUTRAL, VOCABULARY } from './lexicon';
import type { Sector, SectorEvidence, SectorSuggestion } from './types';

export interface SuggestInput {
  title: string | null;
  /**
   * The document's text (its units' headings and texts): without the opening provisions when `lead` gives them
   * (sectorInput builds both from the units).
   */
  text: string;
  /**
   * The opening provisions — the first article (phạm vi điều chỉnh, or what an amending or repealing document
   * changes) and the article after it when that is the đối tượng áp dụng — weighed above the rest of the text.
   */
  lead?: string;
  /** The codified articles whose source is the document: their chủ đề and code. */
  codified: { topic: number; code: string }[];
}

/** Codified evidence: a base for being codified at all, and more for each article (to a cap). */
const CODIFIED_BASE = 30;
const CODIFIED_PER_ARTICLE = 2;
const CODIFIED_CAP = 35;
/** A phrase of the sector in the title (once per phrase), ×1.5 where the title names it as its field (namesField). */
const TITLE_WEIGHT = 12;
const NAMED_FIELD_BOOST = 1.5;
/** A phrase of the title after `đối với`: whom the rule is for, not what it is about. */
const ADDRESSEE = 0.6;
/** Each further phrase of the same sector in the title counts this share (a list of related words is one subject). */
const TITLE_FURTHER = 0.5;
/** A phrase in the opening provisions: 3 × (1 + log2 count), the sector's lead evidence capped below a title phrase. */
const LEAD_WEIGHT = 3;
const LEAD_CAP = 10;
/** A phrase in the rest of the text: 1 + log2(count), the sector's text evidence capped. */
const TEXT_CAP = 10;
/** An agency's name counts this share of a phrase for the sectors it stands for. */
const AGENCY_WEIGHT = 0.25;
const MAX_SUGGESTIONS = 5;
const MAX_ARTICLES_LISTED = 10;

const words = (s: string) => wordsOf(fold(normalizeText(s)));

/** Tone marks (grave, acute, tilde, hook above, dot below), as NFD writes them. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const toned = new Map<string, string>();
/**
 * A lowercase word with its diacritics, its tone mark moved to the end: both placements in use compare equal
 * (`hoá` and `hóa`, `tuý` and `túy`), other diacritics still tell words apart (`thuế` ≠ `thuê`, `mục` ≠ `mức`).
 */
function tonedWord(w: string): string {
  let k = toned.get(w);
  if (k === undefined) {
    const d = w.normalize('NFD');
    const tone = d.match(TONE_MARKS)?.join('') ?? '';
    k = d.replace(TONE_MARKS, '').normalize('NFC') + tone;
    if (toned.size < 100_000) toned.set(w, k);
  }
  return k;
}
const accentedWords = (s: string) => wordsOf(normalizeText(s).toLowerCase()).map(tonedWord);

/**
 * The names a sector is recognised by in the catalogue, with their weight: its own name and its đề mục's titles
 * (1), and each comma-separated part of its name (`Bưu chính, viễn thông` → `viễn thông`: 0.5, less specific than the
 * whole). One-word names (`Giá`, `Thuế`, `hội`) are left out: they are common words (`đánh giá`, `Quốc hội`; the
 * vocabulary has `thuế` itself). suggestSectors also reads the sector's vocabulary (lexicon.ts) and counts everyday
 * names (`Lao động`) at a lower weight.
 */
export function sectorTerms(sector: Sector): { term: string; weight: number }[] {
  const parts: [string, number][] = [
    [sector.name, 1],
    ...sector.headings.map((h): [string, number] => [h.title, 1]),
    ...sector.name.split(/\s*,\s*/u).map((p): [string, number] => [p, 0.5]),
  ];
  const seen = new Set<string>();
  const out: { term: string; weight: number }[] = [];
  for (const [p, weight] of parts) {
    const w = words(p);
    const key = w.join(' ');
    if (w.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push({ term: normalizeText(p).trim(), weight });
  }
  return out;
}

/** A phrase to look for, and what finding it says: sectors (with the weight for each) and the name shown. */
interface Phrase {
  folded: string[];
  accented: string[];
  targets: { code: string; term: string; weight: number }[];
}

/** A catalogue's phrases, indexed by their first folded word: read once per catalogue. */
const phrasesOf = new WeakMap<readonly Sector[], Map<string, Phrase[]>>();

function phraseIndex(catalogue: readonly Sector[]): Map<string, Phrase[]> {
  const cached = phrasesOf.get(catalogue);
  if (cached) return cached;
  const byKey = new Map<string, Phrase>();
  const add = (text: string, code: string, weight: number) => {
    const accented = accentedWords(text);
    if (accented.length === 0) return;
    const key = accented.join(' ');
    let p = byKey.get(key);
    if (!p) {
      p = { folded: words(text), accented, targets: [] };
      byKey.set(key, p);
    }
    // The first name a sector gives a phrase is the one kept (the catalogue's before the vocabulary's).
    if (!p.targets.some((t) => t.code === code)) p.targets.push({ code, term: normalizeText(text).trim(), weight });
  };
  const codes = new Set(catalogue.map((s) => s.code));
  const generic = new Map(Object.entries(GENERIC).map(([k, w]) => [accentedWords(k).join(' '), w]));
  for (const sector of catalogue)
    for (const { term, weight } of sectorTerms(sector)) add(term, sector.code, generic.get(accentedWords(term).join(' ')) ?? weight);
  for (const [code, list] of Object.entries(VOCABULARY)) {
    if (!codes.has(code)) continue;
    for (const entry of list) {
      const [text, weight] = typeof entry === 'string' ? [entry, 1] : entry;
      add(text, code, weight);
    }
  }
  for (const [name, agencyCodes] of Object.entries(AGENCIES))
    for (const prefix of AGENCY_PREFIXES) {
      const text = `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)} ${name}`;
      const mapped = agencyCodes.filter((c) => codes.has(c));
      // An agency standing for no sector still reads its name whole, so the field words in it do not count.
      if (mapped.length === 0) add(text, '', 0);
      for (const code of mapped) add(text, code, AGENCY_WEIGHT);
    }
  for (const text of NEUTRAL) add(text, '', 0);
  const index = new Map<string, Phrase[]>();
  for (const p of byKey.values()) {
    const first = p.folded[0] as string;
    index.set(first, [...(index.get(first) ?? []), p]);
  }
  // Longest first: scan stops at the first length that matches.
  for (const list of index.values()) list.sort((a, b) => b.folded.length - a.folded.length);
  phrasesOf.set(catalogue, index);
  return index;
}

/** A text cut into words: lowercase with their diacritics, and folded. */
interface Tokens {
  plain: string[];
  folded: string[];
}

function tokensOf(text: string): Tokens {
  const lower = normalizeText(text).toLowerCase();
  const plain = wordsOf(lower);
  // Folding maps letters to letters one to one, so the folded text cuts into the same words.
  const folded = wordsOf(fold(lower));
  return { plain, folded: folded.length === plain.length ? folded : plain.map(fold) };
}

/**
 * Whether a phrase is at word `i`: a word written with its diacritics must have the phrase's (`mục thủ` is not
 * `mức thu`, `số` is not `sở`), in either tone placement; a word written without any (an unaccented text, `LUAT BAO
 * HIEM XA HOI`) is compared folded.
 */
function matchesAt(t: Tokens, i: number, p: Phrase): boolean {
  const n = p.folded.length;
  if (i + n > t.folded.length) return false;
  for (let k = 0; k < n; k++) if (t.folded[i + k] !== p.folded[k]) return false;
  for (let k = 0; k < n; k++) {
    const plain = t.plain[i + k] as string;
    // A word equal to its folded form carries no diacritics.
    if (plain !== t.folded[i + k] && tonedWord(plain) !== p.accented[k]) return false;
  }
  return true;
}

/**
 * The phrases found in a text, longest first at each place (a shorter phrase inside a longer one is not counted),
 * with how many times, and the weight its place gives it in a title — NAMED_FIELD_BOOST where the text names it as
 * its field (namesField), ADDRESSEE after `đối với` (the people or bodies a rule is for: `bảo hiểm y tế đối với
 * sĩ quan ... Công an nhân dân` is about health insurance), else 1; the best of its places.
 */
function scan(t: Tokens, index: Map<string, Phrase[]>): Map<Phrase, { count: number; place: number }> {
  const found = new Map<Phrase, { count: number; place: number }>();
  const n = t.folded.length;
  let addressed = false;
  for (let i = 0; i < n; ) {
    if (t.plain[i] === 'đối' && t.plain[i + 1] === 'với') addressed = true;
    const candidates = index.get(t.folded[i] as string);
    let best = 0;
    const hits: Phrase[] = [];
    for (const p of candidates ?? []) {
      const len = p.folded.length;
      if (len < best) break;
      if (!matchesAt(t, i, p)) continue;
      best = len;
      hits.push(p);
    }
    if (best === 0) {
      i++;
      continue;
    }
    const place = namesField(t.folded, i) ? NAMED_FIELD_BOOST : addressed ? ADDRESSEE : 1;
    for (const p of hits) {
      const f = found.get(p);
      if (f) {
        f.count++;
        f.place = Math.max(f.place, place);
      } else found.set(p, { count: 1, place });
    }
    i += best;
  }
  return found;
}

/**
 * Words after which a text names its own field: `trong lĩnh vực X`, `ngành X`, `quản lý nhà nước về X`, and a law's
 * name (`Luật X`, `Bộ luật X`, `Pháp lệnh X`: a document detailing a law belongs to the law's field).
 */
const FIELD_MARKERS: readonly string[][] = [['linh', 'vuc'], ['nganh'], ['quan', 'ly', 'nha', 'nuoc', 've'], ['luat'], ['phap', 'lenh']];

function namesField(folded: string[], i: number): boolean {
  return FIELD_MARKERS.some((m) => m.length <= i && m.every((w, k) => folded[i - m.length + k] === w));
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Ranked sector suggestions (best first, at most five), each with its evidence; empty when nothing points anywhere. */
export function suggestSectors(input: SuggestInput, catalogue: readonly Sector[] = SECTORS): SectorSuggestion[] {
  const index = phraseIndex(catalogue);
  const zones = {
    title: scan(tokensOf(input.title ?? ''), index),
    lead: scan(tokensOf(input.lead ?? ''), index),
    text: scan(tokensOf(input.text), index),
  };
  const byTopic = new Map<number, string[]>();
  for (const a of input.codified) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a.code]);

  interface Tally {
    /** Each title phrase's points, summed best first with diminishing shares. */
    title: number[];
    lead: number;
    text: number;
    evidence: SectorEvidence[];
  }
  const tallies = new Map<string, Tally>();
  const tally = (code: string) => {
    let t = tallies.get(code);
    if (!t) {
      t = { title: [], lead: 0, text: 0, evidence: [] };
      tallies.set(code, t);
    }
    return t;
  };
  for (const where of ['title', 'lead', 'text'] as const)
    for (const [p, { count, place }] of zones[where])
      for (const { code, term, weight } of p.targets) {
        if (!code) continue;
        const t = tally(code);
        t.evidence.push({ kind: 'keyword', term, where, count });
        if (where === 'title') t.title.push(TITLE_WEIGHT * weight * place);
        else t[where] += weight * (1 + Math.log2(count));
      }

  const ranked: { suggestion: SectorSuggestion; title: number; lead: number }[] = [];
  for (const sector of catalogue) {
    const evidence: SectorEvidence[] = [];
    let score = 0;
    let title = 0;
    let lead = 0;
    const codes = byTopic.get(sector.number) ?? [];
    if (codes.length > 0) {
      const unique = [...new Set(codes)];
      evidence.push({ kind: 'codified', count: unique.length, articles: unique.slice(0, MAX_ARTICLES_LISTED) });
      score += CODIFIED_BASE + CODIFIED_PER_ARTICLE * Math.min(unique.length, CODIFIED_CAP);
    }
    const t = tallies.get(sector.code);
    if (t) {
      // Title, then opening, then text: the order the zones were read in.
      evidence.push(...t.evidence);
      title = t.title.sort((a, b) => b - a).reduce((sum, x, i) => sum + (i === 0 ? x : TITLE_FURTHER * x), 0);
      lead = Math.min(LEAD_WEIGHT * t.lead, LEAD_CAP);
      score += title + lead + Math.min(t.text, TEXT_CAP);
    }
    if (score > 0) ranked.push({ suggestion: { code: sector.code, name: sector.name, score: round(score), evidence }, title, lead });
  }
  // Equal scores: the one the title says more for, then the opening provisions, then the catalogue's order.
  return ranked
    .sort((a, b) => b.suggestion.score - a.suggestion.score || b.title - a.title || b.lead - a.lead || Number(a.suggestion.code) - Number(b.suggestion.code))
    .slice(0, MAX_SUGGESTIONS)
    .map((r) => r.suggestion);
}

/** The suggestions a document is filed under until a reviewer confirms: the best, and any close to it (at most 3). */
export const FILE_CLOSE = 0.7;
export const FILE_MIN_SCORE = 3;
const MAX_DEFAULT = 3;
export function topSuggestions(suggestions: SectorSuggestion[]): string[] {
  const best = suggestions[0]?.score ?? 0;
  if (best < FILE_MIN_SCORE) return [];
  return suggestions
    .filter((s) => s.score >= best * FILE_CLOSE)
    .slice(0, MAX_DEFAULT)
    .map((s) => s.code);
}
