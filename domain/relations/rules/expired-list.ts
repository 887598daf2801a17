/**
 * An official list of expired documents ("Danh mục văn bản ... hết hiệu lực", the annual systematization lists):
 * each row announces its document expired (announces), whole or the units it names, with the expiry date and the
 * reason the row gives. Its lines are not read again as paragraphs.
 */
import { isoDate } from '../../dates';
import type { Reference } from '../../parse/references';
import type { ParseResult } from '../../parse/types';
import { citationGroups } from '../citations';
import { cut, FURNITURE_RE } from '../context';
import { locateRefs } from '../locate';
import type { DocumentRule } from './types';
import { referenceKey } from '../../refs';

export const expiredList: DocumentRule = {
  name: 'expired-list',
  run(ctx) {
    readExpiredList(ctx.parsed, ctx.listLines, (row) => {
      if (!row.ref) {
        ctx.diagnostics.push({
          code: 'relations.list_row_unread',
          severity: 'warning',
          message: `List row ${row.no}: no document number read`,
          line: row.line,
        });
        return;
      }
      const base = {
        type: 'announces' as const,
        effectiveFrom: row.date,
        note: cut(row.reason),
        evidence: { eId: ctx.at.unit(row.line), line: row.line, text: cut(row.text) },
        sourceEId: ctx.at.unit(row.line),
      };
      if (row.units.length > 0) for (const eId of row.units) ctx.add({ ...base, target: ctx.targetOf(row.ref, eId) });
      else ctx.add({ ...base, target: ctx.targetOf(row.ref), ...(row.partial ? { partial: true } : {}) });
      // The documents the row's reason names (the one that repealed or replaced it) are cited by the list, so each
      // has a page, a placeholder when it is not in the database ("Được bãi bỏ bởi Thông tư số 03/2024/TT-BLĐTBXH").
      for (const lr of locateRefs(row.reason ?? ''))
        if (lr.ref.number && !ctx.isSelf(lr.ref) && !ctx.cites.has(referenceKey(lr.ref.number)))
          ctx.cites.set(referenceKey(lr.ref.number), { ref: lr.ref, line: row.line, ...(base.sourceEId ? { eId: base.sourceEId } : {}) });
      if (!row.date)
        ctx.diagnostics.push({ code: 'relations.list_row_undated', severity: 'warning', message: `List row ${row.no}: no expiry date`, line: row.line });
    });
  },
};

interface ListRow {
  no: number;
  line: number;
  ref: Reference | null;
  units: string[];
  partial: boolean;
  date: string | null;
  reason: string;
  text: string;
}

const LIST_HEAD_RE = /^DANH MỤC VĂN BẢN[\s\S]*HẾT HIỆU LỰC/u;
const LIST_SECTION_RE = /^[A-ZĐ]\.\s+VĂN BẢN/u;
const LIST_HEADER_LINE_RE = /^(?:STT(?![\p{L}])|Văn bản hết hiệu lực|Lý do hết hiệu lực|Ngày hết|hiệu lực$|hết hiệu lực$|Nội dung, quy định)/u;
const ROW_DOC_RE = /^(?:Thông|Nghị|Quyết|Luật|Bộ luật|Pháp|Chỉ|Lệnh|Sắc|Hiến)(?![\p{L}])/u;
const REASON_RE = /(?<![\p{L}])(?:Được|Bị)\s+(?:thay thế|bãi bỏ|sửa đổi|bổ sung|hủy bỏ|đình chỉ)|(?<![\p{L}])Hết thời hạn|(?<![\p{L}])Hết hiệu lực/u;

/** Rows of an official list of expired documents: number line, document cell, reason cell, expiry date line. */
function readExpiredList(parsed: ParseResult, consumed: Set<number>, onRow: (row: ListRow) => void): void {
  const lines = parsed.lines;
  const head = lines.findIndex((l) => LIST_HEAD_RE.test(l.trim()));
  if (head < 0) return;
  let partial = false;
  let expected = 1;
  let row: { no: number; line: number; before: string[]; after: string[]; date: string | null } | null = null;
  const finish = () => {
    if (!row) return;
    const fix = (t: string) => t.replace(/\s+/gu, ' ').replace(/(?<=\S[/-])\s+(?=[\p{Lu}\p{N}])/gu, '');
    const before = fix(row.before.join(' '));
    const reasonAt = before.search(REASON_RE);
    const docCell = fix(`${reasonAt >= 0 ? before.slice(0, reasonAt) : before} ${row.after.join(' ')}`);
    const reason = reasonAt >= 0 ? before.slice(reasonAt) : '';
    const [first] = locateRefs(docCell);
    const units = partial
      ? citationGroups(docCell)
          .filter((g) => !/^\s*(?:của|tại)(?![\p{L}])/u.test(docCell.slice(g.end)) && (!first || g.start >= first.numberEnd || g.end <= first.start))
          .flatMap((g) => g.eIds)
      : [];
    onRow({ no: row.no, line: row.line, ref: first?.ref ?? null, units: [...new Set(units)], partial, date: row.date, reason, text: docCell });
    row = null;
  };
  for (let i = head; i < lines.length; i++) {
    const l = (lines[i] as string).replace(/\*+/g, '').trim();
    consumed.add(i + 1);
    if (LIST_SECTION_RE.test(l)) {
      finish();
      partial = /MỘT PHẦN/u.test(l) || /MỘT PHẦN/u.test((lines[i + 1] as string | undefined) ?? '');
      expected = 1;
      continue;
    }
    if (/^Tổng số/u.test(l)) {
      finish();
      continue;
    }
    if (/^\d{1,3}$/.test(l) && Number(l) === expected) {
      let j = i + 1;
      while (j < lines.length && (lines[j] as string).trim() === '') j++;
      if (ROW_DOC_RE.test(((lines[j] as string | undefined) ?? '').trim())) {
        finish();
        row = { no: expected, line: i + 1, before: [], after: [], date: null };
        expected++;
        continue;
      }
    }
    if (!row || l === '' || FURNITURE_RE.test(l) || LIST_HEADER_LINE_RE.test(l) || /^[IVXLC]+\.\s/u.test(l)) continue;
    const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(l);
    if (d && !row.date) {
      row.date = isoDate(d[1] as string, d[2] as string, d[3] as string);
      continue;
    }
    (row.date ? row.after : row.before).push(l);
  }
  finish();
}
