/**
 * Systematization (hệ thống hóa văn bản): for one issuer or province and a cut-off date, the official lists —
 * documents in force, expired in whole, expired in part, to be amended or replaced (what the status engine flags for
 * review), and those not yet in force or of unknown status — each row with the legal ground of its status (the
 * reasons: which document, which unit, from which date). Pure: the service (domain/services/systematization.ts)
 * gathers the works and their statuses; render.ts writes CSV and printable HTML.
 */
import { DOCUMENT_TYPE_LABELS, type DocumentType, typeRank } from '../document-types';
import type { Flag, Reason, StatusCode, StatusResult } from '../status/engine';

export type ListKey = 'in_force' | 'expired' | 'partially_expired' | 'to_review' | 'other';

/** The lists in the order they are published, with their official titles. */
export const LISTS: { key: ListKey; title: string }[] = [
  { key: 'in_force', title: 'Danh mục văn bản quy phạm pháp luật còn hiệu lực' },
  { key: 'expired', title: 'Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ' },
  { key: 'partially_expired', title: 'Danh mục văn bản quy phạm pháp luật hết hiệu lực một phần' },
  { key: 'to_review', title: 'Danh mục văn bản quy phạm pháp luật cần đình chỉ thi hành, ngưng hiệu lực, sửa đổi, bổ sung, thay thế hoặc ban hành mới' },
  { key: 'other', title: 'Văn bản chưa có hiệu lực, ngưng hiệu lực hoặc chưa xác định được hiệu lực' },
];

/** A document as the service hands it over: its facts, its status at the cut-off date, its sectors. */
export interface SystematizedWork {
  id: string;
  number: string | null;
  type: DocumentType;
  title: string | null;
  issuers: string[];
  issued: string | null;
  effective: string | null;
  status: StatusResult;
  sectors: { code: string; name: string }[];
  /** True when a reviewer confirmed the sectors; false when they are suggestions. */
  sectorsConfirmed: boolean;
}

/** The legal ground of a row: a reason of the status (or a flag, on the review list), with the causing document. */
export interface Ground {
  code: string;
  message: string;
  /** The document that causes it, when there is one (the repealing law, the list of expired documents). */
  workId: string | null;
  number: string | null;
  /** The unit of the listed document concerned (`Điều 5, khoản 2`). */
  citation: string | null;
  /** The unit of the causing document holding the instruction. */
  sourceCitation: string | null;
  date: string | null;
}

export interface Row {
  /** Số thứ tự within its list. */
  stt: number;
  documentId: string;
  number: string | null;
  type: DocumentType;
  typeLabel: string;
  title: string | null;
  issued: string | null;
  effective: string | null;
  status: StatusCode;
  statusLabel: string;
  grounds: Ground[];
  sectors: { code: string; name: string }[];
  sectorsConfirmed: boolean;
}

export interface SystematizationList {
  key: ListKey;
  title: string;
  rows: Row[];
}

export interface Systematization {
  /** Whose documents: an issuer or a province, as asked. */
  subject: { kind: 'issuer' | 'province'; name: string };
  /** The cut-off date (ISO). */
  at: string;
  /** Documents considered (each appears in one status list, and maybe also on the review list). */
  total: number;
  lists: SystematizationList[];
}

/** Order within a list: by the type's rank in the system of legal documents (typeRank), then date of issue, then number. */
export function compareWorks(a: Pick<SystematizedWork, 'type' | 'issued' | 'number' | 'id'>, b: Pick<SystematizedWork, 'type' | 'issued' | 'number' | 'id'>) {
  return (
    typeRank(a.type) - typeRank(b.type) ||
    (a.issued ?? '9999').localeCompare(b.issued ?? '9999') ||
    (a.number ?? '').localeCompare(b.number ?? '', 'vi') ||
    a.id.localeCompare(b.id)
  );
}

const reasonGround = (r: Reason): Ground => ({
  code: r.code,
  message: r.message,
  workId: r.workId ?? null,
  number: r.number ?? null,
  citation: r.citation ?? null,
  sourceCitation: r.sourceCitation ?? null,
  date: r.date,
});

const flagGround = (f: Flag): Ground => ({
  code: f.code,
  message: f.message,
  workId: f.workId ?? null,
  number: f.number ?? null,
  citation: null,
  sourceCitation: null,
  date: null,
});

const LIST_OF: Record<StatusCode, ListKey> = {
  in_force: 'in_force',
  expired: 'expired',
  partially_expired: 'partially_expired',
  not_yet_in_force: 'other',
  suspended: 'other',
  unknown: 'other',
};

/**
 * Groups the documents into the lists. Each document is on the list of its status, its grounds the status's reasons;
 * a document the status engine flags for review (parent expired, conflicting or undated relations) is also on the
 * review list, its grounds the flags. Empty lists are kept, so every publication has the same five.
 */
export function systematize(subject: Systematization['subject'], at: string, works: SystematizedWork[]): Systematization {
  const rows = new Map<ListKey, Omit<Row, 'stt'>[]>(LISTS.map((l) => [l.key, []]));
  for (const w of [...works].sort(compareWorks)) {
    const base = {
      documentId: w.id,
      number: w.number,
      type: w.type,
      typeLabel: DOCUMENT_TYPE_LABELS[w.type] ?? w.type,
      title: w.title,
      issued: w.issued,
      effective: w.effective,
      status: w.status.status,
      statusLabel: w.status.label,
      sectors: w.sectors,
      sectorsConfirmed: w.sectorsConfirmed,
    };
    rows.get(LIST_OF[w.status.status])?.push({ ...base, grounds: w.status.reasons.map(reasonGround) });
    if (w.status.flags.length > 0) rows.get('to_review')?.push({ ...base, grounds: w.status.flags.map(flagGround) });
  }
  return {
    subject,
    at,
    total: works.length,
    lists: LISTS.map((l) => ({ ...l, rows: (rows.get(l.key) ?? []).map((r, i) => ({ stt: i + 1, ...r })) })),
  };
}
