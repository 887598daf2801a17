/**
 * The notes printed around a codified article: the source note (pGhiChu) and the amendment notes printed inside its
 * text. Strings in, data out; every regex here is anchored or bounded (no nested unbounded quantifiers).
 */
import { isoDate } from '../dates';
import { type DocumentType, PRINTED_TYPES } from '../document-types';
import { findReferences } from '../parse/references';
import { referenceKey, workIdFor } from '../refs';
import { fold } from '../text/normalize';
import type { CodifiedArticle, Incorporation, InlineNote, NoteReference, SourceAmendment, SourceChange, SourceChangeKind, SourceNote } from './types';

/** Document type words as the notes print them (the registry's PRINTED_TYPES), folded (length-preserving, so indices map back to the note). */
const TYPE_WORDS: [string, DocumentType][] = PRINTED_TYPES.map(([w, t]) => [fold(w), t]);
const TYPE_ALT = TYPE_WORDS.map(([w]) => w).join('|');

/**
 * The head of a source note, folded: `[điểm x] [khoản N] [Điều N | Mục IV | N] <type> [số]` followed by the number.
 * Groups: 1 point, 2 clause, 3 article, 4 other unit kind, 5 its number, 6 bare number (a note that lost "Điều"), 7 type.
 */
const HEAD_RE = new RegExp(
  String.raw`^(?:diem ([a-z0-9]{1,3}) )?(?:khoan (\d{1,3}[a-z]?) )?(?:dieu (\d{1,4}[a-z]?) |(muc|chuong|phan|phu luc|tieu muc) ([a-z0-9]{1,6}) |(\d{1,4}[a-z]?) |dieu )?(${TYPE_ALT}) (?:so )?`,
  'd',
);
const EFFECTIVE_RE = /,?\s*có hiệu lực(?: thi hành)?(?: kể)? từ ngày\s*/u;
const DATE_RE = /(\d{1,2})\s*(?:\/|-|\s+tháng\s+)(\d{1,2})\s*(?:\/|-|\s+năm\s+)(\d{4})/u;
const UNTIL_RE = /có hiệu lực(?: thi hành)? đến ngày\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/u;
const ISSUED_AT_END_RE = /^(.*?)\s*ngày (\d{1,2})\/(\d{1,2})\/(\d{4}) của ([^,()]{2,160})$/u;

function firstDate(text: string): string | null {
  const m = DATE_RE.exec(text);
  return m?.[1] && m[2] && m[3] ? isoDate(m[1], m[2], m[3]) : null;
}

/** Removes the note's outer parentheses (the export sometimes doubles them: `((Điều 4 ...))`). */
export function unwrapParens(text: string): string {
  let s = text.trim();
  for (let i = 0; i < 3 && s.startsWith('(') && s.endsWith(')'); i++) s = s.slice(1, -1).trim();
  return s;
}

/**
 * A document number from the start of `text`: `57/2020/QH14`, `102-SL/L-004`, `05/2018/TTLT-BCA- VKSNDTC-TANDTC`
 * (a number the export broke after a hyphen is joined again). Returns the number and how many characters it used.
 */
function readNumber(text: string): { number: string; length: number } | null {
  const tok = /^[\p{L}\p{N}][\p{L}\p{N}/.\-–]*/u;
  let m = tok.exec(text);
  if (!m || !/\d/.test(m[0])) return null;
  let number = m[0];
  let used = m[0].length;
  while (number.endsWith('-')) {
    const rest = text.slice(used);
    const gap = /^\s+/.exec(rest)?.[0].length ?? 0;
    m = gap > 0 ? tok.exec(rest.slice(gap)) : null;
    if (!m || !/^[\p{Lu}\p{N}]/u.test(m[0])) break;
    number += m[0];
    used += gap + m[0].length;
  }
  number = number.replace(/[.\-–/]+$/u, '');
  return number.includes('/') || /-/.test(number) ? { number, length: used } : null;
}

const idOf = (number: string | null, issued: string | null): string | null => (number ? workIdFor({ number, issued, place: null }) : null);

/** Change words after "có hiệu lực ...": "có nội dung được sửa đổi, bổ sung", "bị bãi bỏ". */
const CHANGE_WORDS: [RegExp, SourceChangeKind][] = [
  [/sửa đổi/u, 'amended'],
  [/bổ sung/u, 'supplemented'],
  [/bãi bỏ/u, 'repealed'],
  [/h[uủ]ỷ bỏ|hủy bỏ|huỷ bỏ/u, 'annulled'],
  [/thay thế/u, 'replaced'],
  [/đình chỉ|ngưng hiệu lực|tạm ngưng/u, 'suspended'],
  [/đính chính/u, 'corrected'],
];

function readChanges(phrase: string): SourceChange[] {
  const out: SourceChange[] = [];
  let partial = false;
  for (const piece of phrase.split(',')) {
    if (/(?:được|bị)/u.test(piece)) partial = /có nội dung/u.test(piece);
    for (const [re, kind] of CHANGE_WORDS) if (re.test(piece) && !out.some((c) => c.kind === kind && c.partial === partial)) out.push({ kind, partial });
  }
  return out;
}

/**
 * The amending units before the document's type word: `khoản 1 Điều 2 của` → `khoản 1 Điều 2`; an entry that says
 * what changed first ("các nội dung ... bị bãi bỏ theo quy định tại điểm a khoản 2 Điều 6 của") keeps what follows "tại".
 */
function amendingUnits(before: string): string | null {
  const last = before.split(/\s(?:theo quy định tại|bởi)\s/u).at(-1) ?? '';
  return (
    last
      .replace(/^\s*(?:tại\s+)+/u, '')
      .replace(/[,\s]+(?:của)?\s*$/u, '')
      .trim() || null
  );
}

function readAmendment(entry: string, url: string | null): SourceAmendment {
  const text = entry.trim().replace(/^[,;\s]+|[,;.\s]+$/gu, '');
  // "Nghị định số 12/2015/ NĐ-CP": the export sometimes breaks a number after a slash.
  const [ref] = findReferences(text.replace(/(\d\/)\s+(?=\p{Lu})/gu, '$1'));
  const folded = fold(text);
  const typeAt = new RegExp(String.raw`(?:^|\s)(?:${TYPE_ALT})\s`).exec(folded);
  const units = typeAt && typeAt.index > 0 ? amendingUnits(text.slice(0, typeAt.index)) : null;
  const eff = /từ ngày\s*(.*)$/u.exec(text);
  const documentNumber = ref?.number ?? null;
  return {
    units,
    documentNumber,
    documentType: ref?.type ?? null,
    documentId: idOf(documentNumber, ref?.date ?? null),
    effective: eff?.[1] ? firstDate(eff[1]) : null,
    url,
    text,
  };
}

/**
 * Reads a source note: `(Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội, có hiệu lực thi
 * hành kể từ ngày 01/01/2021[, có nội dung được sửa đổi bởi Điều 1 Luật số ... có hiệu lực ... từ ngày ...; ...])`.
 * `note` is normalised text with collapsed spaces; `urls` are the note's links in order (the first is the source's).
 */
export function parseSourceNote(note: string, urls: string[] = []): SourceNote {
  const raw = unwrapParens(note);
  const out: SourceNote = {
    documentNumber: null,
    documentType: null,
    documentId: null,
    articleNum: null,
    clause: null,
    point: null,
    unit: null,
    effective: null,
    expires: null,
    issued: null,
    issuer: null,
    title: null,
    url: urls[0] ?? null,
    changes: [],
    amendedBy: [],
    raw,
  };
  const eff = EFFECTIVE_RE.exec(raw);
  const head = eff ? raw.slice(0, eff.index) : raw;
  const tail = eff ? raw.slice(eff.index + eff[0].length) : '';

  const h = HEAD_RE.exec(fold(head));
  if (h?.indices) {
    const at = (i: number): string | null => {
      const span = h.indices?.[i];
      return span ? head.slice(span[0], span[1]) : null;
    };
    out.point = at(1);
    out.clause = at(2);
    out.articleNum = at(3) ?? at(6);
    const unitKind = at(4);
    out.unit = unitKind ? `${unitKind} ${at(5) ?? ''}`.trim() : null;
    const typeWord = h[7] as string;
    out.documentType = TYPE_WORDS.find(([w]) => w === typeWord)?.[1] ?? null;
    // "số 02 /2018/TTLT-...": the export sometimes puts a space before a slash.
    const rest = head.slice(h[0].length).replace(/^(\d{1,5})\s+\//u, '$1/');
    const num = readNumber(rest);
    if (num) {
      out.documentNumber = num.number;
      const after = rest.slice(num.length).replace(/^[\s,]+/u, '');
      const issued = ISSUED_AT_END_RE.exec(after);
      if (issued?.[2] && issued[3] && issued[4] && issued[5]) {
        out.issued = isoDate(issued[2], issued[3], issued[4]);
        out.issuer = issued[5].trim();
        out.title = issued[1]?.trim() || null;
      } else out.title = after.trim() || null;
    }
  }
  if (!out.documentNumber) {
    // A note in another shape ("Thông tư này có hiệu lực ..."): take what the shared reference reader finds.
    const [ref] = findReferences(head);
    if (ref?.number) {
      out.documentNumber = ref.number;
      out.documentType = ref.type;
    }
  }
  out.documentId = idOf(out.documentNumber, out.issued);

  if (eff) {
    out.effective = firstDate(tail.slice(0, 40));
    const until = UNTIL_RE.exec(tail);
    if (until?.[1] && until[2] && until[3]) out.expires = isoDate(until[1], until[2], until[3]);
    const dateEnd = DATE_RE.exec(tail);
    const after = dateEnd ? tail.slice(dateEnd.index + dateEnd[0].length) : tail;
    // "được sửa đổi bởi <list>", or "được sửa đổi, bổ sung theo quy định tại <list>" (đề mục 17.2, 33.5, 33.11, 33.12):
    // the latter only after change words, so "theo quy định tại" in anything else is not read as a list.
    let by = /\s(?:bởi|theo quy định tại)\s/u.exec(after);
    if (by && by[0].trim() !== 'bởi' && readChanges(after.slice(0, by.index)).length === 0) by = null;
    const phrase = by ? after.slice(0, by.index) : after;
    out.changes = readChanges(phrase);
    if (by) {
      const entries = after
        .slice(by.index + by[0].length)
        .split(';')
        .filter((e) => e.trim() !== '');
      const amendUrls = urls.length === entries.length + 1 ? urls.slice(1) : [];
      out.amendedBy = entries.map((e, i) => readAmendment(e, amendUrls[i] ?? null));
    }
  }
  return out;
}

/**
 * An amendment note printed as a paragraph of the article text: "(Khoản 1 Điều này được sửa đổi, bổ sung theo quy
 * định tại khoản 1 Điều 2 của Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01/01/2015)". Folded and bounded.
 */
const INLINE_NOTE_RE =
  /^[([]\s*(?:dieu|khoan|diem|muc|tieu muc|chuong|phan|phu luc|cum tu|ten|noi dung|doan|mau)(?![a-z])[^()[\]]{0,300}?\s(?:duoc|bi|da duoc|da bi)\s(?:sua doi|bo sung|bai bo|thay the|huy bo|dinh chi|ngung|dinh chinh|thay doi)/;

/** The paragraph as an inline amendment note, or null when it is ordinary text. */
export function readInlineNote(paragraph: string): InlineNote | null {
  if (!/[)\]]\.?$/.test(paragraph) || !INLINE_NOTE_RE.test(fold(paragraph))) return null;
  return { text: paragraph, references: noteReferences(paragraph) };
}

export function noteReferences(text: string): NoteReference[] {
  const out: NoteReference[] = [];
  for (const r of findReferences(text)) {
    if (!r.number || out.some((o) => o.documentNumber === r.number)) continue;
    out.push({ documentNumber: r.number, documentType: r.type, documentId: idOf(r.number, r.date) });
  }
  return out;
}

/** A part of an amendment note starts after "; " or after ", " when what follows is "<unit> này được|bị ...". */
const NOTE_PART_SPLIT = /;|,(?=[^,;()]{0,80}?\snày\s+(?:đã\s+)?(?:được|bị)\s)/u;
const NOTE_VERB_RE = /^(.*?)\s(?:đã\s+)?(?:được|bị)\s/u;
const NOTE_BY_RE = /\s(?:theo quy định tại|theo|bởi|tại)\s+/u;

/**
 * The parts of an amendment note printed in the text, each with its amending document: "(Khoản 1 Điều này được sửa
 * đổi, bổ sung theo quy định tại khoản 1 Điều 2 của Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01/01/2015; khoản 2
 * Điều này ...)". Parts that name no document number are left out.
 */
export function noteIncorporations(note: string): Incorporation[] {
  const pieces = unwrapParens(note)
    .split(NOTE_PART_SPLIT)
    .map((p) => p.trim().replace(/[.\s]+$/u, ''))
    .filter(Boolean);
  // "Khoản 2, khoản 3 Điều này được ...": a piece with no verb belongs to the next one.
  const parts: string[] = [];
  let pending = '';
  for (const p of pieces) {
    const joined = pending ? `${pending}, ${p}` : p;
    if (NOTE_VERB_RE.test(joined)) {
      parts.push(joined);
      pending = '';
    } else pending = joined;
  }
  const out: Incorporation[] = [];
  for (const part of parts) {
    const verb = NOTE_VERB_RE.exec(part) as RegExpExecArray;
    const rest = part.slice(verb[0].length);
    const by = NOTE_BY_RE.exec(` ${rest}`);
    const a = readAmendment(by ? ` ${rest}`.slice(by.index + by[0].length) : rest, null);
    if (!a.documentNumber) continue;
    out.push({
      documentNumber: a.documentNumber,
      documentType: a.documentType,
      documentId: a.documentId,
      units: a.units,
      target: verb[1]?.trim() || null,
      effective: a.effective,
      from: 'note',
      text: part,
    });
  }
  // "Khoản 15 ... theo quy định tại Khoản 6 Điều 2 Nghị định số 12/2015/NĐ-CP; Khoản 16 ..., có hiệu lực từ ngày ...":
  // the date printed once at the end holds for the earlier parts of the same document.
  for (const [i, x] of out.entries())
    if (!x.effective)
      x.effective = out.slice(i + 1).find((y) => y.effective && referenceKey(y.documentNumber) === referenceKey(x.documentNumber))?.effective ?? null;
  return out;
}

/** The amendments a source note and the amendment notes in the text say the article carries (source note first). */
export function incorporations(source: SourceNote | null, notes: InlineNote[]): Incorporation[] {
  const out: Incorporation[] = [];
  for (const a of source?.amendedBy ?? [])
    if (a.documentNumber)
      out.push({
        documentNumber: a.documentNumber,
        documentType: a.documentType,
        documentId: a.documentId,
        units: a.units,
        target: null,
        effective: a.effective,
        from: 'source_note',
        text: a.text,
      });
  for (const n of notes) out.push(...noteIncorporations(n.text));
  return out;
}

/** The article's list as filled at import; for an article stored before the field existed, read from its notes now. */
export function incorporationsOf(a: Pick<CodifiedArticle, 'source' | 'notes'> & { incorporates?: Incorporation[] }): Incorporation[] {
  if (a.incorporates) return a.incorporates;
  const source = a.source ? parseSourceNote(a.source.raw, a.source.url ? [a.source.url] : []) : null;
  return incorporations(source, a.notes ?? []);
}
