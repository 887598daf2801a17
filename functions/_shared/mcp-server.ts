/**
 * Tools for assistants (issue 21): a Model Context Protocol server over the store's ports, read only. Each tool
 * calls the domain service the API and the CLI call — search, cited answers at a date, one unit at a date, status
 * with its grounds, relations, diff — and answers twice: readable text (Vietnamese labels) and the same facts as JSON
 * (`structuredContent`, described by the tool's output schema). A domain error (unknown document, bad date, unknown
 * unit) is a tool error (`isError` with the message), never a crash. The work is bounded: limits capped, texts
 * clipped, one call at a time.
 *
 * Served by the API at `POST /mcp` (functions/mcp: streamable HTTP, stateless, on AWS and locally alike), and by
 * `csdl mcp --data DIR` on stdio or `--http` (local/mcp.ts, which runs each call after indexing what is pending).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/mini';
import { type DiffOp, diffToText } from '../../domain/consolidate/diff';
import { unitLabel } from '../../domain/consolidate/render';
import { isCalendarDate, vietnamDate } from '../../domain/dates';
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/document-types';
import { isDomainError } from '../../domain/errors';
import { type Answer, answerQuestion, MAX_ANSWERS } from '../../domain/services/answer';
import { documentDiff, unitOverTime } from '../../domain/services/consolidation';
import { resolveWork } from '../../domain/services/documents';
import { articleNumOf, searchDocuments } from '../../domain/services/search';
import { documentRelations, documentStatus } from '../../domain/services/status';
import { type Reason, STATUS_LABELS, type StatusCode } from '../../domain/status/engine';
import { citationFromEId } from '../../domain/units';
import type { Ports } from '../../domain/ports';

export const MCP_SERVER_NAME = 'csdlqg-phap-luat';
const MCP_SERVER_VERSION = '0.1.0';

/** The bounds of one call. */
export const MCP_LIMITS = {
  /** Search hits per call. */
  search: 20,
  /** Answers (and as many provisions not in force) per question. */
  answers: MAX_ANSWERS,
  /** Characters of one passage (an answer's text, a snippet, a diff fragment). */
  passage: 2_000,
  /** Characters of a unit's text with everything inside it (get_unit). */
  unit: 16_000,
  /** Changed units listed by diff. */
  changes: 40,
  /** Relations listed by relations. */
  relations: 150,
  /** Characters of a tool's text content. */
  text: 24_000,
  /** Characters of a query, question, document reference or eId. */
  query: 1_000,
  ref: 200,
} as const;

/** A wrong argument the schema cannot see (a date that is not on the calendar, an unknown unit): a tool error. */
class ToolInputError extends Error {}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function dateArg(value: string | undefined, name: string, fallback?: string): string {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new ToolInputError(`${name} is required (a date YYYY-MM-DD)`);
  }
  const v = value.trim();
  if (!isCalendarDate(v)) throw new ToolInputError(`${name} must be a date YYYY-MM-DD on the calendar, got "${value}"`);
  return v;
}

// ---- Input schemas (zod/mini, as schemas/ uses; the SDK reads Zod 4 Mini schemas) ----

const text = (max: number, description: string) => z.string().check(z.minLength(1), z.maxLength(max), z.describe(description));
const DOCUMENT = text(MCP_LIMITS.ref, 'The document: its id (09-2022-TT-BLDTBXH) or its official number in any usual spelling (09/2022/TT-BLĐTBXH)');
const date = (description: string) => z.string().check(z.maxLength(32), z.describe(`${description} (YYYY-MM-DD)`));
const AT = z.optional(date('The date at which the law is read; default today in Vietnam'));
const EID = text(
  MCP_LIMITS.ref,
  'A unit of the document by its eId: art_5 (Điều 5), art_5__para_2 (khoản 2), art_5__para_2__point_a (điểm a; đ is dd), chp_II, att_1__art_3; search hits give eIds',
);

const SearchInput = {
  query: text(MCP_LIMITS.query, 'Words, a quoted "phrase", a document number or title; with or without diacritics'),
  type: z.optional(z.enum(DOCUMENT_TYPES as [DocumentType, ...DocumentType[]]).check(z.describe('Only documents of this type'))),
  issuer: z.optional(text(MCP_LIMITS.ref, 'Only documents of this issuing body (Quốc hội, Bộ Tài chính), without case or diacritics')),
  status: z.optional(z.enum(Object.keys(STATUS_LABELS) as [StatusCode, ...StatusCode[]]).check(z.describe('Only documents with this stored status'))),
  inForceAt: z.optional(date('Only documents and units in force on this date')),
  scope: z.optional(
    z
      .enum(['documents', 'units', 'codification'])
      .check(z.describe('documents: whole documents; units: articles, clauses, points; codification: Bộ pháp điển articles; default all')),
  ),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(MCP_LIMITS.search), z.describe(`How many hits, 1–${MCP_LIMITS.search}; default 10`))),
};

const AnswerInput = {
  question: text(MCP_LIMITS.query, 'The question, in Vietnamese (Đối tượng tham gia bảo hiểm xã hội bắt buộc gồm những ai?)'),
  at: AT,
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(MCP_LIMITS.answers), z.describe(`How many answers, 1–${MCP_LIMITS.answers}; default 5`))),
};

const UnitInput = { document: DOCUMENT, eId: EID, at: AT };
const StatusInput = { document: DOCUMENT, at: AT, eId: z.optional(EID) };
const RelationsInput = { document: DOCUMENT };
const DiffInput = { document: DOCUMENT, from: date('The earlier date'), to: date('The later date') };

// ---- Output schemas: what structuredContent holds (open objects: more may come) ----

const nstr = z.nullable(z.string());
const GroundOut = z.looseObject({ code: z.string(), message: z.string(), workId: z.optional(nstr), number: z.optional(nstr), date: z.optional(nstr) });
const StatusOut = z.looseObject({ status: z.string(), label: z.string(), reasons: z.array(GroundOut) });

const SearchOutput = z.looseObject({
  query: z.string(),
  total: z.number(),
  hits: z.array(
    z.looseObject({
      documentId: z.string(),
      documentNumber: nstr,
      kind: z.string(),
      eId: nstr,
      citation: nstr,
      title: nstr,
      snippet: z.string(),
      status: z.string(),
    }),
  ),
});
const AnswerOut = z.looseObject({
  documentId: z.string(),
  documentNumber: nstr,
  eId: nstr,
  citation: nstr,
  heading: nstr,
  text: z.string(),
  status: StatusOut,
  confidence: z.number(),
  permalink: z.string(),
});
const AnswerOutput = z.looseObject({ question: z.string(), at: z.string(), abstained: nstr, answers: z.array(AnswerOut), notInForce: z.array(AnswerOut) });
const UnitOutput = z.looseObject({
  documentId: z.string(),
  documentNumber: nstr,
  at: z.string(),
  eId: z.string(),
  citation: z.string(),
  path: z.array(z.looseObject({ eId: z.string(), kind: z.string(), num: z.string(), heading: nstr })),
  unit: z.looseObject({ eId: z.string(), heading: nstr, text: z.string() }),
  notes: z.array(z.looseObject({ eId: z.string(), note: z.string() })),
  status: StatusOut,
  truncated: z.boolean(),
});
const StatusOutput = z.looseObject({
  documentId: z.string(),
  documentNumber: nstr,
  at: z.string(),
  eId: nstr,
  status: z.string(),
  label: z.string(),
  since: nstr,
  reasons: z.array(GroundOut),
  inDatabase: z.boolean(),
});
const RelationsOutput = z.looseObject({
  documentId: z.string(),
  documentNumber: nstr,
  total: z.number(),
  truncated: z.boolean(),
  groups: z.array(z.looseObject({ type: z.string(), direction: z.string(), label: z.string(), count: z.number(), relations: z.array(z.looseObject({})) })),
});
const DiffOutput = z.looseObject({
  documentId: z.string(),
  documentNumber: nstr,
  from: z.string(),
  to: z.string(),
  validity: z.looseObject({ from: StatusOut, to: StatusOut }),
  total: z.number(),
  truncated: z.boolean(),
  changes: z.array(z.looseObject({ eId: z.string(), change: z.string() })),
});

// ---- Helpers shared by the tools ----

interface ToolOutput {
  text: string;
  data: Record<string, unknown>;
}

/** "căn cứ" lines: the message, then which document, which unit, from which date when the reason names them. */
function groundLines(reasons: Reason[], prefix = '  - '): string[] {
  return reasons.map((r) => {
    const facts = [
      r.number || r.workId ? `văn bản: ${r.number ?? r.workId}` : null,
      r.sourceCitation || r.sourceEId ? `đơn vị: ${r.sourceCitation ?? r.sourceEId}` : null,
      r.date ? `từ ngày: ${r.date}` : null,
    ].filter(Boolean);
    return `${prefix}${oneLine(r.message)}${facts.length ? ` [${facts.join('; ')}]` : ''}`;
  });
}

/** An answer as the tool gives it: the text clipped, the document id named `documentId` as everywhere here. */
function answerOut(a: Answer, baseUrl: string) {
  return {
    kind: a.kind,
    documentId: a.workId,
    documentNumber: a.documentNumber,
    documentTitle: a.documentTitle,
    eId: a.eId,
    citation: a.citation,
    heading: a.heading,
    text: clip(a.text, MCP_LIMITS.passage),
    status: { status: a.status.code, label: a.status.label, reasons: a.status.reasons },
    codified: a.codified,
    confidence: a.confidence,
    permalink: `${baseUrl}${a.permalink}`,
  };
}

function answerLines(a: ReturnType<typeof answerOut>, i: number): string[] {
  return [
    `${i + 1}. ${a.documentNumber ?? a.documentId}${a.citation ? `, ${a.citation}` : ''}${a.heading ? ` — ${oneLine(a.heading)}` : ''} (${a.status.label}; độ khớp ${a.confidence.toFixed(2)})`,
    ...groundLines(a.status.reasons.slice(0, 3), '   căn cứ: '),
    ...(a.codified.length > 0 ? [`   pháp điển: ${a.codified.map((c) => `Điều ${c.code}`).join(', ')}`] : []),
    `   ${oneLine(a.text)}`,
    `   ${a.permalink}`,
  ];
}

interface UnitNode {
  kind: string;
  num: string;
  eId: string;
  heading: string | null;
  text: string;
  children: UnitNode[];
  sources?: { note: string }[];
  repealed?: boolean;
  validity?: { status: string; label?: string; since?: string | null; note: string };
}

/**
 * A unit and what is inside it within a budget of characters: the structured tree, the printed lines, the notes
 * (the amendments that changed a unit, why a unit is no longer in force), and how many units did not fit.
 */
function unitWithin(root: UnitNode, budget: number) {
  let left = budget;
  let omitted = 0;
  let clipped = false;
  const lines: string[] = [];
  const notes: { eId: string; note: string }[] = [];
  const walk = (u: UnitNode): Record<string, unknown> | null => {
    if (left <= 0 && u !== root) {
      omitted++;
      return null;
    }
    const text = clip(u.text, Math.max(left, 200));
    if (text !== u.text) clipped = true;
    const printed = [unitLabel(u), u.heading, text].filter(Boolean).join(' ');
    left -= printed.length;
    const unitNotes = [...(u.sources ?? []).map((s) => s.note), ...(u.validity ? [u.validity.note] : [])];
    lines.push(printed, ...unitNotes.map((n) => `(${n})`));
    for (const note of unitNotes) notes.push({ eId: u.eId, note });
    const children: Record<string, unknown>[] = [];
    for (const c of u.children) {
      const child = walk(c);
      if (child) children.push(child);
    }
    return {
      kind: u.kind,
      num: u.num,
      eId: u.eId,
      citation: citationFromEId(u.eId),
      heading: u.heading,
      text,
      notes: unitNotes,
      ...(u.repealed ? { repealed: true } : {}),
      ...(u.validity ? { validity: { status: u.validity.status, label: u.validity.label ?? null, since: u.validity.since ?? null } } : {}),
      children,
    };
  };
  const unit = walk(root) as Record<string, unknown>;
  return { unit, lines, notes, omitted, truncated: omitted > 0 || clipped };
}

/** The wdiff form of a diff: kept words as they are, [-deleted-] and {+inserted+}. */
const diffText = (ops: { op: string; text: string }[]) => clip(diffToText(ops as DiffOp[]), MCP_LIMITS.passage);

// ---- The tools ----

export interface McpOptions {
  /** Put before the permalinks (`/document.html?...`) to make them absolute: the public site's address. */
  baseUrl?: string;
  /** Where logs go (stderr by default; never stdout, which carries the protocol on stdio). */
  log?: (message: string) => void;
  /** Runs each tool call (default: at once). The local store indexes what is pending first, one call at a time. */
  serialize?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The MCP server with its six read-only tools over the store's ports. */
export function createMcpServer(ports: Ports, options: McpOptions = {}): McpServer {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION, title: 'CSDLQG pháp luật' },
    {
      instructions:
        "Vietnam's national database of legal normative documents, read only. Documents are named by id (09-2022-TT-BLDTBXH) or official number (09/2022/TT-BLĐTBXH); units by eId (art_5__para_2__point_a = điểm a khoản 2 Điều 5); dates are YYYY-MM-DD. The law changes over time: pass `at` to read it as it stood on a date, and cite the grounds (which document, which unit, from which date) the tools give.",
    },
  );

  // How a call runs: as it comes (the API), or after what is pending and one at a time (the local store, local/mcp.ts).
  const serial = <T>(fn: () => Promise<T>): Promise<T> => (options.serialize ? options.serialize(fn) : fn());

  const respond =
    <A>(name: string, fn: (args: A) => Promise<ToolOutput>) =>
    async (args: A): Promise<CallToolResult> => {
      try {
        const { text, data } = await serial(() => fn(args));
        return { content: [{ type: 'text', text: clip(text, MCP_LIMITS.text) }], structuredContent: data };
      } catch (e) {
        let message: string;
        if (e instanceof ToolInputError) message = e.message;
        else if (isDomainError(e)) {
          const candidates = (e.details?.candidates as { id: string; number: string | null; place: string | null }[] | undefined) ?? [];
          message = `${e.message}${candidates.length ? `: ${candidates.map((c) => `${c.id}${c.place ? ` (${c.place})` : ''}`).join(', ')}` : ''}`;
        } else {
          log(`csdl mcp: ${name} failed: ${(e as Error).stack ?? e}`);
          message = `Internal error in ${name}: ${(e as Error).message}`;
        }
        return { content: [{ type: 'text', text: message }], isError: true };
      }
    };

  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
  const today = () => vietnamDate(ports.clock.now());

  server.registerTool(
    'search',
    {
      title: 'Tìm kiếm văn bản',
      description:
        'Full-text search over documents, their articles, clauses and points, and the Bộ pháp điển: a hit names the document (number, id), the unit (eId, citation) and a snippet. A number or a title puts that document first.',
      inputSchema: SearchInput,
      outputSchema: SearchOutput,
      annotations: { ...readOnly, title: 'Tìm kiếm văn bản' },
    },
    respond('search', async (a: { query: string; type?: string; issuer?: string; status?: string; inForceAt?: string; scope?: string; limit?: number }) => {
      const inForceAt = a.inForceAt === undefined ? undefined : dateArg(a.inForceAt, 'inForceAt');
      const limit = Math.min(a.limit ?? 10, MCP_LIMITS.search);
      const res = await searchDocuments(ports, {
        q: a.query,
        limit,
        offset: 0,
        ...(a.type ? { type: a.type } : {}),
        ...(a.issuer ? { issuer: a.issuer } : {}),
        ...(a.status ? { status: a.status } : {}),
        ...(a.scope ? { scope: a.scope as 'documents' | 'units' | 'codification' } : {}),
        ...(inForceAt ? { inForceAt } : {}),
      });
      const hits = res.hits.map((h) => ({
        documentId: h.workId,
        documentNumber: h.documentNumber,
        documentType: h.documentType,
        kind: h.kind,
        eId: h.eId,
        citation: h.citation,
        articleNum: h.articleNum,
        title: h.title,
        documentTitle: h.documentTitle,
        issued: h.issued,
        status: h.status,
        snippet: clip(h.snippet, MCP_LIMITS.passage),
        score: h.score,
      }));
      return {
        text: [
          `${res.total} kết quả cho "${a.query}"${hits.length < res.total ? ` (${hits.length} đầu tiên)` : ''}`,
          ...hits.map(
            (h, i) =>
              `${i + 1}. ${h.documentNumber ?? h.documentId}${h.citation ? `, ${h.citation}` : ''}${h.eId ? ` [${h.eId}]` : ''} — ${oneLine(h.title ?? h.documentTitle ?? '')} (${STATUS_LABELS[h.status as StatusCode] ?? h.status})\n   ${oneLine(h.snippet)}`,
          ),
        ].join('\n'),
        data: { query: a.query, total: res.total, hits },
      };
    }),
  );

  server.registerTool(
    'answer',
    {
      title: 'Trả lời câu hỏi pháp luật',
      description:
        'Cited answers to a legal question as the law stood on a date: the units that answer it, each with its text in force on that date, citation, status and ground, the Bộ pháp điển articles that carry it, and a confidence. Provisions not in force on that date are listed apart (notInForce), never as answers; a weak match gives no answer (abstained).',
      inputSchema: AnswerInput,
      outputSchema: AnswerOutput,
      annotations: { ...readOnly, title: 'Trả lời câu hỏi pháp luật' },
    },
    respond('answer', async (a: { question: string; at?: string; limit?: number }) => {
      const at = dateArg(a.at, 'at', today());
      const res = await answerQuestion(ports, { q: a.question, at, limit: Math.min(a.limit ?? 5, MCP_LIMITS.answers) });
      const answers = res.answers.map((x) => answerOut(x, baseUrl));
      const notInForce = res.notInForce.map((x) => answerOut(x, baseUrl));
      return {
        text: [
          res.abstained ?? `${answers.length} câu trả lời tại ngày ${at}`,
          ...answers.flatMap(answerLines),
          ...(notInForce.length > 0 ? ['Không còn (hoặc chưa) có hiệu lực tại ngày này:', ...notInForce.flatMap(answerLines)] : []),
        ].join('\n'),
        data: { question: res.q, at, abstained: res.abstained, answers, notInForce },
      };
    }),
  );

  server.registerTool(
    'get_unit',
    {
      title: 'Nội dung điều, khoản, điểm tại một ngày',
      description:
        "A unit's text as in force on a date (amendments applied), with everything inside it, its path (chapter, article…), the notes of the amendments that changed it or ended it, and its status with the ground. Also units an amendment inserted (art_6a).",
      inputSchema: UnitInput,
      outputSchema: UnitOutput,
      annotations: { ...readOnly, title: 'Nội dung điều, khoản, điểm tại một ngày' },
    },
    respond('get_unit', async (a: { document: string; eId: string; at?: string }) => {
      const at = dateArg(a.at, 'at', today());
      const eId = a.eId.trim();
      const work = await resolveWork(ports.works, a.document);
      const r = await unitOverTime(ports, work, eId, at);
      const name = work.number ?? work.id;
      if (!r.unit || !r.path) {
        if (r.presence.length === 0)
          throw new ToolInputError(`Unit ${eId} of ${name} was not found (eIds look like art_5, art_5__para_2, art_5__para_2__point_a; search gives them)`);
        const when = r.presence.map((p) => `from ${p.from ?? 'the start'}${p.to ? ` until ${p.to}` : ''}${p.origin ? ` (${p.origin.note})` : ''}`);
        throw new ToolInputError(`Unit ${eId} of ${name} is not in the text in force on ${at}; it exists ${when.join('; ')}`);
      }
      const status = await documentStatus(ports, work.id, at, eId);
      const shown = unitWithin(r.unit as UnitNode, MCP_LIMITS.unit);
      const path = r.path.map((u) => ({ eId: u.eId, kind: u.kind, num: u.num, heading: u.heading }));
      const articleNum = eId.startsWith('art_') ? articleNumOf(eId) : null;
      const codified = articleNum
        ? (await ports.codification.findBySource(work.id, articleNum)).map((c) => ({ code: c.code, headingId: c.headingId, title: c.title }))
        : [];
      return {
        text: [
          `${name}, ${citationFromEId(eId)} — nội dung có hiệu lực tại ngày ${at}`,
          `Vị trí: ${path.map((p) => [unitLabel(p), p.heading].filter(Boolean).join(' ')).join(' › ')}`,
          `Hiệu lực: ${status.label}${status.since ? ` (từ ngày ${status.since})` : ''}`,
          ...groundLines(status.reasons),
          '',
          ...shown.lines,
          ...(shown.omitted > 0 ? [`… (${shown.omitted} đơn vị bên trong không hiển thị: quá dài)`] : []),
          ...(codified.length > 0 ? [`Pháp điển: ${codified.map((c) => `Điều ${c.code}`).join(', ')}`] : []),
        ].join('\n'),
        data: {
          documentId: work.id,
          documentNumber: work.number,
          documentTitle: work.title,
          at,
          eId,
          citation: citationFromEId(eId),
          path,
          unit: shown.unit,
          notes: shown.notes,
          status: { status: status.status, label: status.label, since: status.since, reasons: status.reasons },
          presence: r.presence,
          codified,
          truncated: shown.truncated,
          omittedUnits: shown.omitted,
        },
      };
    }),
  );

  server.registerTool(
    'document_status',
    {
      title: 'Tình trạng hiệu lực',
      description:
        "A document's validity status on a date (or one unit's, with eId): in force, not yet, partially expired, expired, suspended; with the grounds — which document, which of its units, from which date — and the dates on which the status changes. A document only cited by others answers too (inDatabase false).",
      inputSchema: StatusInput,
      outputSchema: StatusOutput,
      annotations: { ...readOnly, title: 'Tình trạng hiệu lực' },
    },
    respond('document_status', async (a: { document: string; at?: string; eId?: string }) => {
      const at = dateArg(a.at, 'at', today());
      const eId = a.eId?.trim() || undefined;
      const s = await documentStatus(ports, a.document, at, eId);
      if (eId) {
        if (!s.inDatabase) throw new ToolInputError(`${s.documentNumber ?? s.documentId} is not in the database: its units are unknown; ask without eId`);
        const known = await unitOverTime(ports, s.documentId, eId, at);
        if (known.presence.length === 0) throw new ToolInputError(`Unit ${eId} of ${s.documentNumber ?? s.documentId} was not found`);
      }
      const pending = s.pending.slice(0, 20);
      return {
        text: [
          `${s.documentNumber ?? s.documentId}${s.citation ? `, ${s.citation}` : ''} tại ngày ${at}: ${s.label} (${s.status})${s.since ? `, từ ngày ${s.since}` : ''}${s.inDatabase ? '' : ' — văn bản chưa có trong Cơ sở dữ liệu'}`,
          ...(s.reasons.length ? ['Căn cứ:', ...groundLines(s.reasons)] : []),
          ...s.flags.map((f) => `  ! ${oneLine(f.message)}`),
          ...pending.map((p) => `  Sửa đổi chưa có trong CSDL: ${p.number}${p.effective ? ` từ ngày ${p.effective}` : ''}`),
          ...(s.changes.length ? [`Các ngày thay đổi tình trạng: ${s.changes.join(', ')}`] : []),
        ].join('\n'),
        data: {
          documentId: s.documentId,
          documentNumber: s.documentNumber,
          at,
          eId: s.eId,
          citation: s.citation,
          status: s.status,
          label: s.label,
          since: s.since,
          reasons: s.reasons,
          flags: s.flags,
          changes: s.changes,
          pending,
          inDatabase: s.inDatabase,
          ...(s.consolidates !== undefined ? { consolidates: s.consolidates } : {}),
        },
      };
    }),
  );

  server.registerTool(
    'relations',
    {
      title: 'Lược đồ văn bản',
      description:
        "A document's relations with other documents, both directions, grouped by type: legal basis, amends / amended by, replaces, repeals, guides, consolidated by, announced expired by…; each with the other document, the units concerned and the date.",
      inputSchema: RelationsInput,
      outputSchema: RelationsOutput,
      annotations: { ...readOnly, title: 'Lược đồ văn bản' },
    },
    respond('relations', async (a: { document: string }) => {
      const r = await documentRelations(ports, a.document);
      let left: number = MCP_LIMITS.relations;
      const total = r.groups.reduce((n, g) => n + g.relations.length, 0);
      const groups = r.groups.map((g) => {
        const relations = g.relations.slice(0, Math.max(left, 0)).map((x) => ({
          id: x.id,
          other: { ...x.other, text: clip(x.other.text, 400) },
          eId: x.eId,
          otherEId: x.otherEId,
          effectiveFrom: x.effectiveFrom,
          origin: x.origin,
        }));
        left -= relations.length;
        return { type: g.type, direction: g.direction, label: g.label, count: g.count, relations };
      });
      const other = (x: (typeof groups)[number]['relations'][number]) =>
        `${x.other.number ?? (x.other.inDatabase ? x.other.workId : clip(x.other.text, 120)) ?? '?'}${x.otherEId ? ` (${citationFromEId(x.otherEId)})` : ''}${x.eId ? ` → ${citationFromEId(x.eId)}` : ''}${x.effectiveFrom ? ` từ ${x.effectiveFrom}` : ''}${x.other.inDatabase ? '' : ' (chưa có trong CSDL)'}`;
      return {
        text: [
          `${r.documentNumber ?? r.documentId}: ${total} quan hệ${r.inDatabase ? '' : ' (văn bản chưa có trong CSDL)'}`,
          ...groups.map((g) => `${g.label} (${g.count}):${g.relations.map((x) => `\n  ${other(x)}`).join('')}`),
          ...(total > MCP_LIMITS.relations ? [`… ${total - MCP_LIMITS.relations} quan hệ khác không hiển thị`] : []),
        ].join('\n'),
        data: { documentId: r.documentId, documentNumber: r.documentNumber, inDatabase: r.inDatabase, total, truncated: total > MCP_LIMITS.relations, groups },
      };
    }),
  );

  server.registerTool(
    'diff',
    {
      title: 'So sánh nội dung giữa hai ngày',
      description:
        "The units whose text or validity differs between two dates, with a word diff (in text: [-deleted-] {+inserted+}), the effects that made each change, and the document's validity at both dates.",
      inputSchema: DiffInput,
      outputSchema: DiffOutput,
      annotations: { ...readOnly, title: 'So sánh nội dung giữa hai ngày' },
    },
    respond('diff', async (a: { document: string; from: string; to: string }) => {
      const from = dateArg(a.from, 'from');
      const to = dateArg(a.to, 'to');
      const d = await documentDiff(ports, a.document, from, to);
      const shown = d.changes.slice(0, MCP_LIMITS.changes);
      const clipOps = (ops: { op: string; text: string }[]) => ops.map((o) => ({ op: o.op, text: clip(o.text, MCP_LIMITS.passage) }));
      const changes = shown.map((c) => ({
        eId: c.eId,
        citation: citationFromEId(c.eId),
        kind: c.kind,
        change: c.change,
        heading: c.heading ? clipOps(c.heading) : null,
        text: clipOps(c.text),
        effects: c.effects,
      }));
      const validity = (v: typeof d.validity.from) => ({ status: v.status, label: v.label, since: v.since, inForce: v.inForce, reasons: v.reasons });
      const CHANGE = { added: 'thêm', removed: 'bỏ', changed: 'sửa' } as const;
      return {
        text: [
          `${d.documentNumber ?? d.documentId}: ${d.changes.length} đơn vị thay đổi từ ${from} đến ${to}`,
          `Hiệu lực ngày ${from}: ${d.validity.from.label}; ngày ${to}: ${d.validity.to.label}`,
          ...groundLines(d.validity.to.reasons),
          ...changes.flatMap((c) => [
            `${c.citation} [${c.eId}] — ${CHANGE[c.change as keyof typeof CHANGE] ?? c.change}${c.effects.length ? ` (${c.effects.join(', ')})` : ''}`,
            ...(c.heading?.some((o) => o.op !== 'equal') ? [`  tên: ${diffText(c.heading)}`] : []),
            `  ${diffText(c.text)}`,
          ]),
          ...(d.changes.length > shown.length ? [`… ${d.changes.length - shown.length} đơn vị khác không hiển thị`] : []),
        ].join('\n'),
        data: {
          documentId: d.documentId,
          documentNumber: d.documentNumber,
          from,
          to,
          validity: { from: validity(d.validity.from), to: validity(d.validity.to) },
          total: d.changes.length,
          truncated: d.changes.length > shown.length,
          changes,
        },
      };
    }),
  );

  return server;
}
