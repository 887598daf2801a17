/** VBHN-style notes ("Khoản này được bổ sung theo quy định tại khoản 1 Điều 1 Thông tư số ..., có hiệu lực kể từ ngày ..."). */
import { numOfEId } from '../eid';
import type { UnitKind } from '../model';
import type { Effect } from '../effects/types';

const SUBJECT: Record<UnitKind, string> = {
  part: 'Phần này',
  chapter: 'Chương này',
  section: 'Mục này',
  subsection: 'Tiểu mục này',
  article: 'Điều này',
  clause: 'Khoản này',
  point: 'Điểm này',
  appendix: 'Phụ lục này',
  attachment: 'Văn bản này',
};

const WORDS: Record<string, string> = {
  part: 'Phần',
  chp: 'Chương',
  sec: 'Mục',
  subsec: 'Tiểu mục',
  art: 'Điều',
  para: 'khoản',
  point: 'điểm',
  app: 'Phụ lục',
};

/** `art_1__para_3__point_a` → `điểm a khoản 3 Điều 1` (innermost first, as Vietnamese cites). */
export function citeInnermostFirst(eId: string): string {
  const parts = eId
    .split('__')
    .map((seg) => /^([a-z]+)_(.+)$/.exec(seg))
    .filter((m): m is RegExpExecArray => !!m && !!WORDS[m[1] as string])
    .map((m) => `${WORDS[m[1] as string]} ${numOfEId(m[2] as string)}`);
  return parts.reverse().join(' ') || eId;
}

/** `2023-06-01` → `01 tháng 6 năm 2023` (January and February keep their zero, as Vietnamese dates write them). */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const month = Number(m);
  return `${d} tháng ${month < 3 ? String(month).padStart(2, '0') : month} năm ${y}`;
}

/** The verb the instruction used, for the note: "sửa đổi, bổ sung", "sửa đổi", "bổ sung", "bãi bỏ", "thay thế". */
function verbOf(e: Effect): string {
  switch (e.operation) {
    case 'insert_after':
    case 'insert_into':
    case 'insert_phrase':
      return 'bổ sung';
    case 'repeal_unit':
    case 'delete_phrase':
      return 'bãi bỏ';
    case 'replace_appendix':
    case 'replace_phrase':
      return 'thay thế';
    default: {
      const t = e.source.text.replace(/^(?:Điều\s+\S+|\d+[a-zđ]?\.|[a-zđ]\))\s*/u, '');
      if (/sửa đổi,? bổ sung|bổ sung,? sửa đổi/iu.test(t.slice(0, 200))) return 'sửa đổi, bổ sung';
      if (/sửa đổi/iu.test(t.slice(0, 200))) return 'sửa đổi';
      if (/thay thế/iu.test(t.slice(0, 200))) return 'thay thế';
      return 'sửa đổi, bổ sung';
    }
  }
}

export function noteFor(e: Effect, kind: UnitKind): string {
  const subject =
    e.operation === 'rename_heading'
      ? `Tên ${SUBJECT[kind].replace(/ này$/, '').toLowerCase()} này`
      : e.operation.endsWith('_phrase')
        ? `Cụm từ “${e.payload.phrase ?? ''}” tại ${SUBJECT[kind].toLowerCase()}`
        : SUBJECT[kind];
  const where = citeInnermostFirst(e.source.eId);
  const doc = [e.source.typeLabel, e.source.number ? `số ${e.source.number}` : null].filter(Boolean).join(' ') || e.source.workId;
  const date = e.effectiveFrom ? `, có hiệu lực kể từ ngày ${vietnameseDate(e.effectiveFrom)}` : '';
  return `${subject} được ${verbOf(e)} theo quy định tại ${where} ${doc}${date}`;
}
