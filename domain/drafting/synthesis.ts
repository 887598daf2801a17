/**
 * The comment synthesis (bảng tổng hợp ý kiến): per unit of the newest version, the comments it carries with their
 * status and the drafting team's explanation; orphaned comments apart, under the version and unit they were made
 * on. JSON for the API, CSV (UTF-8 with BOM, RFC 4180 quoting) for the spreadsheet the process still expects.
 */
import { toCsv } from '../text/csv';
import type { StoredUnit } from '../units';
import type { CarriedComment } from './rules';
import type { CommentStatus, Draft } from './types';

export const STATUS_LABELS: Record<CommentStatus, string> = { open: 'Chưa xử lý', accepted: 'Tiếp thu', rejected: 'Không tiếp thu' };

export interface SynthesisComment {
  id: string;
  author: string;
  publicConsultation: boolean;
  text: string;
  status: CommentStatus | null;
  explanation: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  madeOn: { version: number; eId: string };
  replies: SynthesisComment[];
}

export interface SynthesisRow {
  eId: string;
  citation: string;
  comments: SynthesisComment[];
}

export interface Synthesis {
  draftId: string;
  title: string;
  version: number;
  units: SynthesisRow[];
  orphaned: (SynthesisComment & { orphanedIn: number | null; citation: string })[];
  totals: { comments: number; replies: number; open: number; accepted: number; rejected: number; orphaned: number; carried: number };
}

function tree(list: CarriedComment[]): Map<string | null, CarriedComment[]> {
  const kids = new Map<string | null, CarriedComment[]>();
  for (const c of [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)))
    kids.set(c.parentId, [...(kids.get(c.parentId) ?? []), c]);
  return kids;
}

/** `units` are the newest accepted version's units; `citationOf` names units of older versions (orphans). */
export function synthesis(
  draft: Draft,
  version: number,
  units: StoredUnit[],
  comments: CarriedComment[],
  citationOf: (version: number, eId: string) => string,
): Synthesis {
  const kids = tree(comments);
  const view = (c: CarriedComment): SynthesisComment => ({
    id: c.id,
    author: c.author,
    publicConsultation: c.publicConsultation,
    text: c.text,
    status: c.status,
    explanation: c.explanation,
    resolvedBy: c.resolvedBy,
    resolvedAt: c.resolvedAt,
    createdAt: c.createdAt,
    madeOn: { version: c.version, eId: c.eId },
    replies: (kids.get(c.id) ?? []).map(view),
  });
  const roots = kids.get(null) ?? [];
  const rows: SynthesisRow[] = [...units]
    .sort((a, b) => a.ord - b.ord)
    .map((u) => ({ eId: u.eId, citation: u.citation, comments: roots.filter((c) => !c.orphaned && c.currentEId === u.eId).map(view) }))
    .filter((r) => r.comments.length > 0);
  const orphaned = roots.filter((c) => c.orphaned).map((c) => ({ ...view(c), orphanedIn: c.orphanedIn, citation: citationOf(c.version, c.eId) }));
  return {
    draftId: draft.id,
    title: draft.title,
    version,
    units: rows,
    orphaned,
    totals: {
      comments: roots.length,
      replies: comments.length - roots.length,
      open: roots.filter((c) => c.status === 'open').length,
      accepted: roots.filter((c) => c.status === 'accepted').length,
      rejected: roots.filter((c) => c.status === 'rejected').length,
      orphaned: orphaned.length,
      carried: roots.filter((c) => !c.orphaned && c.version < version).length,
    },
  };
}

/** One line per comment (replies indented under theirs); orphaned comments at the end, marked. */
export function synthesisCsv(s: Synthesis): string {
  const head = [
    'STT',
    'Điều, khoản',
    'eId',
    'Phiên bản góp ý',
    'Người góp ý',
    'Lấy ý kiến công khai',
    'Nội dung góp ý',
    'Trạng thái',
    'Giải trình, tiếp thu',
    'Ghi chú',
  ];
  const records: (string | number | null)[][] = [];
  let k = 0;
  const emit = (citation: string, eId: string, c: SynthesisComment, note: string, depth = 0) => {
    records.push([
      depth === 0 ? ++k : '',
      citation,
      eId,
      c.madeOn.version,
      c.author,
      c.publicConsultation ? 'có' : 'không',
      `${depth ? '↳ ' : ''}${c.text}`,
      c.status ? STATUS_LABELS[c.status] : 'Trả lời',
      c.explanation,
      note,
    ]);
    for (const r of c.replies) emit(citation, eId, r, note, depth + 1);
  };
  for (const row of s.units)
    for (const c of row.comments)
      emit(row.citation, row.eId, c, c.madeOn.version < s.version ? `Chuyển từ phiên bản ${c.madeOn.version} (${c.madeOn.eId})` : '');
  for (const c of s.orphaned) emit(c.citation, c.madeOn.eId, c, `Không còn trong phiên bản ${c.orphanedIn ?? '?'}: giữ ở phiên bản ${c.madeOn.version}`);
  return toCsv(head, records);
}
