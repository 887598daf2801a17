/**
 * Unit citations as printed ("khoản 2 Điều 5", "điểm b khoản 1 và điểm a khoản 2 Điều 86", "các điều 104, 105 và
 * 117", "Mục 3 Chương III", "Phụ lục II", "Mẫu số 02 Phụ lục I") turned into eIds of the cited document
 * (`art_5__para_2`, `app_I__form_02`). Vietnamese cites from the smallest unit up, so points and clauses wait for the
 * article that closes them, and forms for their appendix.
 * Every pattern here is a single pass with bounded repetition: linear in the text.
 */
import type { UnitKind } from '../model';
import { eIdNum, eIdPart } from '../eid';

/**
 * A form (mẫu) is not a unit the parser builds, but instructions and lists name it ("Thay thế Mẫu số 02 và Mẫu số 03
 * Phụ lục I"): it is cited as `form_<number as printed>` inside its appendix (`app_I__form_02`), alone when no
 * appendix follows (`form_01`), so that a relation names the form and not the whole appendix or document.
 */
type Kind = UnitKind | 'form';
const formEId = (num: string) => `form_${eIdNum(num).toLowerCase()}`;

const WORDS: [RegExp, Kind][] = [
  [/^phần$/iu, 'part'],
  [/^chương$/iu, 'chapter'],
  [/^tiểu mục$/iu, 'subsection'],
  [/^mục$/iu, 'section'],
  [/^điều$/iu, 'article'],
  [/^khoản$/iu, 'clause'],
  [/^điểm$/iu, 'point'],
  [/^phụ lục$/iu, 'appendix'],
  [/^mẫu số$/iu, 'form'],
];
const NUM = String.raw`(?:\d{1,4}[a-zđ]?\d?|[a-zđ]\d?|[IVXLC]{1,8})(?![\p{L}\p{N}])`;
const TOKEN_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:các\s+)?(Phần|Chương|Tiểu mục|Mục|Điều|Khoản|Điểm|Phụ lục|Mẫu\s+số)\s+(${NUM}(?:\s*(?:,|và|hoặc)\s*${NUM}){0,40})`,
  'giu',
);
/** What may stand between two tokens of one citation. */
const GAP_RE = /^[\s,;]*(?:(?:và|hoặc)\s+)?$/iu;
/** Between a form and its appendix: "Mẫu số 03 tại Phụ lục I". */
const FORM_GAP_RE = /^\s*(?:tại|của|thuộc)?\s*$/iu;

interface Token {
  kind: Kind;
  nums: string[];
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const word = (m[1] as string).replace(/\s+/gu, ' ');
    const kind = WORDS.find(([re]) => re.test(word))?.[1];
    if (!kind) continue;
    const nums = (m[2] as string).split(/\s*(?:,|và|hoặc)\s*/u).filter((n) => n !== '');
    // Points are letters, clauses and articles numbers: "Điều a" is not a citation.
    // Forms are numbers ("Mẫu số 02", "Mẫu số 14a").
    const ok = nums.every((n) => (kind === 'point' ? /^[a-zđ]\d?$/iu.test(n) : kind === 'form' ? /^\d/u.test(n) : /^(?:\d|[IVXLC]+$)/u.test(n)));
    if (ok) out.push({ kind, nums, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A run of adjacent tokens read as eIds; what cannot be placed (a clause with no article) is dropped. */
function compose(run: Token[]): string[] {
  const out: string[] = [];
  let points: string[] = [];
  let clauses: { num: string; points: string[] }[] = [];
  let sections: string[] = [];
  let forms: string[] = [];
  for (const t of run) {
    if (t.kind === 'point') points.push(...t.nums.map((n) => n.toLowerCase()));
    else if (t.kind === 'clause') {
      for (const n of t.nums) clauses.push({ num: n, points });
      points = [];
    } else if (t.kind === 'article') {
      for (const n of t.nums) {
        const art = eIdPart('article', n);
        if (clauses.length > 0)
          for (const c of clauses) {
            const para = `${art}__${eIdPart('clause', c.num)}`;
            if (c.points.length === 0) out.push(para);
            else for (const p of c.points) out.push(`${para}__${eIdPart('point', p)}`);
          }
        else if (points.length > 0) for (const p of points) out.push(`${art}__${eIdPart('point', p)}`);
        else out.push(art);
      }
      clauses = [];
      points = [];
    } else if (t.kind === 'section') sections = t.nums;
    else if (t.kind === 'chapter') {
      for (const n of t.nums) {
        const chp = eIdPart('chapter', n.toUpperCase());
        if (sections.length > 0) for (const s of sections) out.push(`${chp}__${eIdPart('section', s)}`);
        else out.push(chp);
      }
      sections = [];
    } else if (t.kind === 'part') for (const n of t.nums) out.push(eIdPart('part', n));
    else if (t.kind === 'form') forms.push(...t.nums);
    else if (t.kind === 'appendix') {
      for (const n of t.nums) {
        const app = eIdPart('appendix', n.toUpperCase());
        if (forms.length > 0) for (const f of forms) out.push(`${app}__${formEId(f)}`);
        else out.push(app);
      }
      forms = [];
    }
  }
  // Forms no appendix follows: forms of the document itself ("Mẫu số 01 ban hành kèm theo Thông tư ...").
  for (const f of forms) out.push(formEId(f));
  return out;
}

export interface CitationGroup {
  eIds: string[];
  start: number;
  end: number;
}

/** Every citation in a text, one group per run of adjacent tokens ("khoản 2 Điều 3; các khoản 1, 3 Điều 7"). */
export function citationGroups(text: string): CitationGroup[] {
  const all = tokens(text);
  const groups: CitationGroup[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length > 0) {
      const eIds = compose(run);
      if (eIds.length > 0) groups.push({ eIds, start: (run[0] as Token).start, end: (run[run.length - 1] as Token).end });
    }
    run = [];
  };
  for (const t of all) {
    const prev = run[run.length - 1];
    const gap = text.slice(prev?.end ?? 0, t.start);
    if (prev && !GAP_RE.test(gap) && !(prev.kind === 'form' && t.kind === 'appendix' && FORM_GAP_RE.test(gap))) flush();
    run.push(t);
  }
  flush();
  return groups;
}

/** All eIds a text cites, in order, without repeats. */
export function citedEIds(text: string): string[] {
  return [...new Set(citationGroups(text).flatMap((g) => g.eIds))];
}

/**
 * The units cited right before a document is named: "khoản 2 Điều 17 của " + "Luật Người cao tuổi số ...",
 * "Phụ lục III ban hành kèm theo " + "Nghị định số ...". Empty when the text does not end that way.
 */
export function tailCitations(text: string): string[] {
  const tail = text.length > 1500 ? text.slice(-1500) : text;
  // "khoản 2 Điều 20 Thông tư số ...": the connector may be left out.
  const connector = /(?:của|tại|thuộc|trong|(?:ban hành )?kèm theo)?\s*$/u.exec(tail);
  const before = connector ? tail.slice(0, connector.index) : tail;
  const groups = citationGroups(before);
  const last = groups[groups.length - 1];
  if (!last || !/^[\s,]*$/u.test(before.slice(last.end))) return [];
  // A citation run may be split by ";" ("Khoản 2 Điều 3; các khoản 1, 3 Điều 7 và khoản 2 Điều 8 của"): take the runs
  // that follow each other with only separators between them.
  const out = [...last.eIds];
  for (let i = groups.length - 2; i >= 0; i--) {
    const g = groups[i] as CitationGroup;
    const next = groups[i + 1] as CitationGroup;
    if (!/^[\s,;]*(?:(?:và|hoặc)\s+)?$/u.test(before.slice(g.end, next.start))) break;
    out.unshift(...g.eIds);
  }
  return [...new Set(out)];
}
