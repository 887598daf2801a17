/**
 * The `csdl` command (npm run --silent csdl -- <command> ...), on the embedded default selected by --data DIR.
 * With --json the last line of stdout is one JSON value. Errors name the file (and line where there is one)
 * and exit non-zero; a failed file never stops the others from being ingested.
 */
import { noticeLines, type RenderedUnit, unitsText } from '../domain/consolidate/render';
import { exportFileId, findExportFiles, readExportFile } from '../local/phapdien-files';
import { consolidatedDocument, documentTimeline } from '../domain/services/consolidation';
import { qualityReport } from '../domain/services/quality';
import { documentRelations, documentStatus } from '../domain/services/status';
import { EXPORT_FORMATS, exportDocument } from '../domain/services/export';
import { headingView, importHeading, importTree, reindexCodification } from '../domain/services/codification';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { exportBulk, loadBulk } from '../domain/services/bulk';
import { parseArgs } from 'node:util';
import { WORK_ID_RE } from '../domain/refs';
import { processWorkChanges } from '../domain/services/changes';
import { DOCUMENT_TYPE_LABELS } from '../domain/model';
import { isCalendarDate } from '../domain/dates';
import { DomainError, isDomainError } from '../domain/errors';
import { resolveWork } from '../domain/services/documents';
import { ingestDocument } from '../domain/services/ingest';
import { lintFile } from '../domain/services/lint';
import { readDocument } from '../domain/parse/formats';
import { parseDocument } from '../domain/parse/parse';
import type { ParsedUnit } from '../domain/parse/types';
import { vietnamDate } from '../domain/dates';
import { reindexAll } from '../domain/services/changes';
import { searchDocuments } from '../domain/services/search';
import { type Answer, answerQuestion } from '../domain/services/answer';
import { devSecret, DEV_ROLES, signDevToken } from '../local/devtoken';
import { drainOutbox } from '../local/stream';
import { serveMcpHttp, serveMcpStdio } from '../local/mcp';
import { openEmbedded, type Embedded } from '../local/wiring';

const HELP = `csdl — Cơ sở dữ liệu quốc gia về pháp luật, command line

Usage: npm run --silent csdl -- <command> [options]

Commands:
  parse FILE                Parse a file (text, Markdown, HTML, DOCX): metadata, units, diagnostics
  lint FILE [--strict]      Format findings (thể thức) by line; exit 1 when there are errors
  ingest FILE... [--strict] Store documents (text, Markdown, HTML, DOCX); one summary line per file
  get DOC                   One document by id or number (09/2022/TT-BLĐTBXH)
  list [--type T]           Documents, in id order (--limit, default 100)
  search "QUERY" [--limit N] [--scope documents|units|codification] [--type T] [--issuer NAME]
         [--status S] [--province NAME] [--in-force-at YYYY-MM-DD] [--sort relevance|date]
                            Full-text search, with or without diacritics ("quoted phrases");
                            hits name the article
  answer "QUESTION" [--at YYYY-MM-DD] [--limit N]
                            Cited answers as the law stood on a date (default today): each unit with its
                            text, status and ground, the codified articles that carry it; or no answer
  reindex [--ids A,B]       Rebuild the search index from the store (or re-process the listed documents:
                            history, links, index — a dead-letter replay by ids)
  status DOC [--at YYYY-MM-DD] [--unit EID]
                            Validity status at a date (default today) with the reasons
  consolidate DOC [--at YYYY-MM-DD]
                            The text as in force on a date, amendments applied, with notes
  relations DOC             Relations with other documents (lược đồ), both directions
  export DOC [--format akn] [--at YYYY-MM-DD]
                            The document in an exchange format on stdout: Akoma Ntoso 3.0 XML of its original
                            text, or of its version as in force on a date (formats: ${EXPORT_FORMATS.join(', ')})
  bulk export [--at YYYY-MM-DD] [--no-codification] [--out DIR]
                            Write the bulk dump (GET /v1/bulk): every document with units, relations, validity
                            and originals (JSON Lines, gzip), the same in Akoma Ntoso (zip), the Bộ pháp điển,
                            the changes since the last dump, and the manifest; --out also copies the files to DIR
                            with a SHA256SUMS file
  bulk load FILE            Load a documents dump (.jsonl.gz or .jsonl) into the store: checked whole first
                            (a damaged dump stores nothing), then each original ingested as received
  audit [--limit N]         The corpus quality report: metadata, citations, effects not applied, structure; worst first
  timeline DOC              The dates on which the document's text changes
  phapdien import FILE_OR_DIR...
                            Import the Bộ pháp điển export (đề mục .html/.html.gz, tree.json, folders);
                            re-importing reports what was added, changed, removed
  phapdien heading ID       One đề mục (36.3) with its codified articles and their sources
  mcp [--http [--port N]]   Serve read-only tools for assistants (Model Context Protocol) on stdio: search,
                            answer, get_unit, document_status, relations, diff; --http: on http://127.0.0.1:N/mcp
  token --role ROLE         A development bearer token for the local API (roles: ${DEV_ROLES.join(', ')})
  help                      This text

Options:
  --data DIR                The embedded store (created when missing; default .data or $CSDL_DATA)
  --json                    Print one JSON value on the last line of stdout
  --limit N                 How many results (search: default 10; list: default 100)
`;

class UsageError extends Error {}

/** A YYYY-MM-DD option that is a real calendar date, or undefined when absent. */
function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) throw new UsageError(`${name} must be a date YYYY-MM-DD, got ${value}`);
  return value;
}

/** One JSON value on one line: U+2028, U+2029 and U+0085 escaped too, so no line splitter can cut it. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let jsonMode = false;

/** A file's bytes, or a DomainError that names the file. */
async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new DomainError('unreadable_document', (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file` : `${file}: ${(e as Error).message}`);
  }
}

async function withStore<T>(dataDir: string, fn: (e: Embedded) => Promise<T>): Promise<T> {
  const embedded = openEmbedded(dataDir);
  try {
    return await fn(embedded);
  } finally {
    embedded.close();
  }
}

function limitOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--limit must be a whole number from 1 to 100, not "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      type: { type: 'string' },
      role: { type: 'string' },
      subject: { type: 'string' },
      strict: { type: 'boolean', default: false },
      scope: { type: 'string' },
      issuer: { type: 'string' },
      status: { type: 'string' },
      province: { type: 'string' },
      'in-force-at': { type: 'string' },
      at: { type: 'string' },
      unit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string' },
      ids: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'no-codification': { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  const dataDir = values.data ?? process.env.CSDL_DATA ?? '.data';
  const out = (human: string, json: unknown) => console.log(values.json ? jsonLine(json) : human);
  jsonMode = values.json;

  if (values.help || !command || command === 'help') {
    out(HELP.trimEnd(), { usage: HELP.trimEnd() });
    return 0;
  }

  switch (command) {
    case 'ingest': {
      if (args.length === 0) throw new UsageError('ingest needs at least one FILE');
      return withStore(dataDir, async (embedded) => {
        const results: unknown[] = [];
        let failed = 0;
        for (const file of args) {
          try {
            const bytes = await readFile(file);
            const r = await ingestDocument(embedded.ports, { fileName: file, bytes, strict: values.strict, actor: 'cli' });
            const warn = r.diagnostics.length ? `  [${r.diagnostics.map((d) => d.code).join(', ')}]` : '';
            if (!values.json) console.log(`${r.outcome.padEnd(12)} ${r.work.id}  ${r.work.number ?? '(no number)'}  ${file}${warn}`);
            results.push({ file, outcome: r.outcome, id: r.work.id, number: r.work.number, diagnostics: r.diagnostics });
          } catch (e) {
            failed++;
            const message = isDomainError(e)
              ? e.message
              : (e as NodeJS.ErrnoException).code === 'ENOENT'
                ? `${file}: no such file`
                : `${file}: ${(e as Error).message}`;
            console.error(`csdl: ${message}`);
            results.push({ file, error: message });
          }
        }
        let indexed = true;
        try {
          await drainOutbox(embedded);
        } catch (e) {
          // Stored is stored: the index catches up on the next run (or at `npm start`).
          indexed = false;
          console.error(`csdl: stored, but indexing failed and will be retried: ${(e as Error).message}`);
        }
        if (values.json) console.log(jsonLine({ results, indexed }));
        return failed ? 1 : 0;
      });
    }
    case 'status': {
      const ref = args[0];
      if (!ref) throw new UsageError('status needs a DOC (id or number)');
      const at = dateOption(values.at, '--at') ?? vietnamDate(new Date());
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const s = await documentStatus(embedded.ports, ref, at, values.unit);
        out(
          [
            `${s.documentNumber ?? s.documentId}${s.citation ? `, ${s.citation}` : ''} at ${at}: ${s.label} (${s.status})`,
            ...s.reasons.map((r) => `  - ${r.message}`),
            ...s.flags.map((f) => `  ! ${f.message}`),
          ].join('\n'),
          s,
        );
        return 0;
      });
    }
    case 'consolidate': {
      const ref = args[0];
      if (!ref) throw new UsageError('consolidate needs a DOC (id or number)');
      const at = dateOption(values.at, '--at') ?? vietnamDate(new Date());
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const c = await consolidatedDocument(embedded.ports, ref, at);
        out(
          [
            `${c.documentNumber ?? c.documentId} as in force on ${at}: ${c.applied.length} effects applied, ${c.unapplied.length} not applied`,
            ...noticeLines(c),
            unitsText(c.units as unknown as RenderedUnit[]),
            ...c.unapplied.map((u) => `! not applied: ${u.targetEId} (${u.sourceNumber ?? u.sourceWorkId ?? '?'}): ${u.reason}`),
          ].join('\n'),
          c,
        );
        return 0;
      });
    }
    case 'export': {
      const ref = args[0];
      if (!ref) throw new UsageError('export needs a DOC (id or number)');
      const format = values.format ?? 'akn';
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format must be one of: ${EXPORT_FORMATS.join(', ')} (got "${format}")`);
      const at = dateOption(values.at, '--at');
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const doc = await exportDocument(embedded.ports, ref, format, at);
        if (values.json) console.log(jsonLine({ format, at: at ?? null, contentType: doc.contentType, body: doc.body }));
        else process.stdout.write(doc.body);
        return 0;
      });
    }
    case 'bulk': {
      const [sub, file] = args;
      if (sub === 'export') {
        const at = dateOption(values.at, '--at') ?? vietnamDate(new Date());
        return withStore(dataDir, async (embedded) => {
          await drainOutbox(embedded);
          const manifest = await exportBulk(embedded.ports, { at, codification: !values['no-codification'] });
          if (values.out) {
            await mkdir(values.out, { recursive: true });
            const sums: string[] = [];
            for (const f of manifest.files.filter((x) => x.generatedAt === manifest.generatedAt)) {
              const bytes = await embedded.ports.blobs.get(f.key);
              if (!bytes) throw new DomainError('not_found', `${f.key}: listed in the manifest, missing from the store`);
              // Written under a temporary name, then renamed: a reader of DIR never sees half a file.
              const tmp = join(values.out, `.${f.name}.part`);
              await writeFile(tmp, bytes);
              await rename(tmp, join(values.out, f.name));
              sums.push(`${f.sha256}  ${f.name}`);
            }
            await writeFile(join(values.out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
          }
          out(
            [
              `Bulk dump of ${manifest.documents} documents at ${manifest.generatedAt} (validity on ${manifest.validityAt})`,
              ...manifest.files.map((f) => `  ${f.name}  ${f.records} records, ${(f.bytes / 1_048_576).toFixed(2)} MB, sha256 ${f.sha256}`),
            ].join('\n'),
            manifest,
          );
          return 0;
        });
      }
      if (sub === 'load') {
        if (!file) throw new UsageError('bulk load needs a FILE (documents-*.jsonl.gz)');
        const raw = await readInput(file);
        let text: string;
        try {
          text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
        } catch {
          throw new DomainError('unreadable_document', `${file}: not a gzip file`);
        }
        return withStore(dataDir, async (embedded) => {
          let loaded: { documents: number; originals: number };
          try {
            loaded = await loadBulk(embedded.ports, text, 'bulk-load');
          } catch (e) {
            // The loader says which line; the message names the file too.
            if (isDomainError(e)) throw new DomainError(e.code, `${file}: ${e.message}`);
            throw e;
          }
          await drainOutbox(embedded);
          out(`Loaded ${loaded.documents} documents (${loaded.originals} originals) from ${file}`, loaded);
          return 0;
        });
      }
      throw new UsageError('bulk needs export or load');
    }
    case 'relations': {
      const ref = args[0];
      if (!ref) throw new UsageError('relations needs a DOC (id or number)');
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const r = await documentRelations(embedded.ports, ref);
        out(
          [
            `${r.documentNumber ?? r.documentId}`,
            ...r.groups.map(
              (g) =>
                `${g.label} (${g.count}):\n${g.relations.map((x) => `  ${x.other.number ?? (x.other.inDatabase ? x.other.workId : x.other.text) ?? '?'}${x.otherEId ? ` ${x.otherEId}` : ''}${x.effectiveFrom ? ` từ ${x.effectiveFrom}` : ''}${x.other.inDatabase ? '' : ' (chưa có trong CSDL)'}`).join('\n')}`,
            ),
          ].join('\n'),
          r,
        );
        return 0;
      });
    }
    case 'audit': {
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const r = await qualityReport(embedded.ports, limitOf(values.limit, 20));
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        out(
          [
            `${r.documents} documents`,
            `metadata: ${Object.entries(r.totals.metadata)
              .map(([k, v]) => `${k} ${pct(v)}`)
              .join(', ')}`,
            `citations naming a document: ${pct(r.totals.citationsResolved)} (${r.totals.unresolved} of ${r.totals.citations} name none); placeholders ${r.totals.placeholders}`,
            `amendment effects applied: ${pct(r.totals.effectsApplied)} (${r.totals.unapplied} of ${r.totals.effects} not)`,
            `diagnostics ${r.totals.diagnostics}, structure findings ${r.totals.structure}`,
            'worst first:',
            ...r.worst.map(
              (d) =>
                `  ${d.score.toFixed(2)}  ${d.documentNumber ?? d.documentId}${d.missing.length ? `  missing: ${d.missing.join(', ')}` : ''}${d.unapplied.length ? `  not applied: ${d.unapplied.length}` : ''}${d.unresolved.length ? `  unresolved: ${d.unresolved.length}` : ''}${d.structure.length ? `  structure: ${d.structure.length}` : ''}`,
            ),
          ].join('\n'),
          r,
        );
        return 0;
      });
    }
    case 'timeline': {
      const ref = args[0];
      if (!ref) throw new UsageError('timeline needs a DOC (id or number)');
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const t = await documentTimeline(embedded.ports, ref);
        out(
          [
            `${t.documentNumber ?? t.documentId}: in force from ${t.effective ?? '?'}`,
            ...t.dates.map((d) =>
              [
                `${d.date}:`,
                d.status ? `${d.status.label}${d.status.reasons[0] ? ` (${d.status.reasons[0].message})` : ''}` : null,
                ...d.effects.map((e) => `${e.operation} ${e.target} (${e.sourceNumber ?? e.sourceWorkId})`),
                ...d.units.map((u) => u.reason.message),
                ...d.pending.map((p) => `sửa đổi bởi ${p.number}, chưa có trong CSDL (theo ${p.via.number ?? p.via.workId})`),
              ]
                .filter(Boolean)
                .join(' '),
            ),
          ].join('\n'),
          t,
        );
        return 0;
      });
    }
    case 'phapdien': {
      const sub = args[0];
      if (sub === 'import') {
        const inputs = args.slice(1);
        if (inputs.length === 0) throw new UsageError('phapdien import needs FILE_OR_DIR (đề mục .html/.html.gz files, tree.json, or folders)');
        const files = await findExportFiles(inputs).catch((e: Error) => {
          throw new DomainError('unreadable_document', e.message);
        });
        if (files.length === 0) throw new DomainError('unreadable_document', `${inputs.join(', ')}: no đề mục files or tree.json found`);
        return withStore(dataDir, async (embedded) => {
          const started = Date.now();
          const totals = { headings: 0, articles: 0, added: 0, removed: 0, changed: 0, unchanged: 0, unwritten: 0, diagnostics: 0, topics: 0 };
          const failed: { file: string; error: string }[] = [];
          const reports: unknown[] = [];
          const headingFiles = files.filter((f) => f.kind === 'heading').length;
          const progress = (done: number) => {
            if (values.json || !process.stderr.isTTY) return;
            const width = 30;
            const filled = Math.round((done / Math.max(headingFiles, 1)) * width);
            process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${headingFiles} đề mục, ${totals.articles} điều`);
          };
          for (const f of files) {
            try {
              const text = await readExportFile(f.path);
              if (f.kind === 'tree') {
                const r = await importTree(embedded.ports, text);
                totals.topics += r.topics.length;
                totals.diagnostics += r.diagnostics.length;
                continue;
              }
              const r = await importHeading(embedded.ports, text, exportFileId(f.path), { bulk: true });
              totals.headings++;
              totals.articles += r.articles;
              totals.added += r.added;
              totals.removed += r.removed;
              totals.changed += r.changed;
              totals.unchanged += r.unchanged;
              totals.diagnostics += r.diagnostics.length;
              if (!r.written) totals.unwritten++;
              const { diagnostics, ...rest } = r;
              reports.push({ file: f.path, ...rest, diagnostics: diagnostics.map((d) => ({ code: d.code, line: d.line, message: d.message })) });
              progress(totals.headings);
            } catch (e) {
              // A file that cannot be read (a truncated .gz, bad bytes) is named with the reason; the others go on.
              const message = `${f.path}: ${(e as Error).message}`;
              console.error(`csdl: ${message}`);
              failed.push({ file: f.path, error: message });
            }
          }
          // After any file was tried: a bulk load puts off work until optimize() (SearchIndex.upsert), even a failed one.
          if (totals.headings > 0 || failed.length > 0) await embedded.ports.search.optimize();
          if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
          const seconds = (Date.now() - started) / 1000;
          out(
            `imported ${totals.headings} đề mục, ${totals.articles} điều (${totals.added} added, ${totals.changed} changed, ${totals.removed} removed, ${totals.unchanged} unchanged; ${totals.unwritten} headings already up to date), ${totals.topics} chủ đề, ${totals.diagnostics} diagnostics in ${seconds.toFixed(1)} s`,
            { ...totals, seconds, failed, reports },
          );
          return failed.length > 0 ? 1 : 0;
        });
      }
      if (sub === 'heading') {
        const id = args[1];
        if (!id) throw new UsageError('phapdien heading needs an ID (đề mục number, e.g. 36.3)');
        return withStore(dataDir, async ({ ports }) => {
          const view = await headingView(ports, id);
          if (!view) throw new DomainError('not_found', `No đề mục ${id} has been imported`);
          out(
            [`Đề mục ${view.id}. ${view.title} (${view.articles.length} điều)`, ...view.articles.map((a) => `Điều ${a.code}. ${a.heading}`)].join('\n'),
            view,
          );
          return 0;
        });
      }
      throw new UsageError('phapdien needs a subcommand: import FILE_OR_DIR... | heading ID');
    }
    case 'get': {
      const ref = args[0];
      if (!ref) throw new UsageError('get needs a DOC (id or number)');
      return withStore(dataDir, async ({ ports }) => {
        const w = await resolveWork(ports.works, ref);
        out(
          [
            `${w.number ?? w.id} — ${w.title ?? '(no title)'}`,
            `id: ${w.id}   type: ${DOCUMENT_TYPE_LABELS[w.type]}   issued: ${w.issued ?? '?'}   place: ${w.place ?? '?'}`,
            `issuers: ${w.issuers.join('; ') || '?'}`,
            `sources: ${w.sources.map((s) => s.fileName).join(', ')}`,
            ...w.warnings.map((d) => `warning ${d.code}: ${d.message}`),
          ].join('\n'),
          { ...w, typeLabel: DOCUMENT_TYPE_LABELS[w.type] },
        );
        return 0;
      });
    }
    case 'list': {
      return withStore(dataDir, async ({ ports }) => {
        const page = await ports.works.list({ limit: limitOf(values.limit, 100), ...(values.type ? { type: values.type } : {}) });
        out(page.items.map((w) => `${w.id.padEnd(40)} ${(w.number ?? '').padEnd(24)} ${w.title ?? ''}`).join('\n'), page);
        return 0;
      });
    }
    case 'search': {
      const q = args.join(' ');
      if (!q) throw new UsageError('search needs a QUERY');
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const scope = values.scope;
        if (scope && scope !== 'documents' && scope !== 'units' && scope !== 'codification')
          throw new UsageError('--scope must be documents, units or codification');
        if (values.sort && values.sort !== 'relevance' && values.sort !== 'date') throw new UsageError('--sort must be relevance or date');
        const inForceAt = values['in-force-at'];
        if (inForceAt && !/^\d{4}-\d{2}-\d{2}$/.test(inForceAt)) throw new UsageError('--in-force-at must be a date YYYY-MM-DD');
        const res = await searchDocuments(embedded.ports, {
          q,
          limit: limitOf(values.limit, 10),
          offset: 0,
          ...(scope ? { scope: scope as 'documents' | 'units' | 'codification' } : {}),
          ...(values.type ? { type: values.type } : {}),
          ...(values.issuer ? { issuer: values.issuer } : {}),
          ...(values.status ? { status: values.status } : {}),
          ...(values.province ? { province: values.province } : {}),
          ...(inForceAt ? { inForceAt } : {}),
          ...(values.sort ? { sort: values.sort as 'relevance' | 'date' } : {}),
        });
        const hits = res.hits.map((h) => ({
          documentNumber: h.documentNumber,
          documentId: h.workId,
          eId: h.eId,
          kind: h.kind,
          articleNum: h.articleNum,
          citation: h.citation,
          title: h.title,
          snippet: h.snippet,
          score: h.score,
        }));
        const lines = hits.map(
          (h, i) => `${i + 1}. ${h.documentNumber ?? h.documentId}${h.citation ? `, ${h.citation}` : ''} — ${h.title ?? ''}\n   ${h.snippet}`,
        );
        out([`${res.total} hits`, ...lines].join('\n'), { hits, total: res.total });
        return 0;
      });
    }
    case 'answer': {
      const q = args.join(' ');
      if (!q) throw new UsageError('answer needs a QUESTION');
      const at = dateOption(values.at, '--at') ?? vietnamDate(new Date());
      return withStore(dataDir, async (embedded) => {
        await drainOutbox(embedded);
        const res = await answerQuestion(embedded.ports, { q, at, limit: limitOf(values.limit, 5) });
        const line = (a: Answer, i: number) =>
          [
            `${i + 1}. ${a.documentNumber ?? a.workId}${a.citation ? `, ${a.citation}` : ''}${a.heading ? ` — ${a.heading}` : ''} (${a.status.label}; độ khớp ${a.confidence.toFixed(2)})`,
            ...a.status.reasons.slice(0, 2).map((r) => `   căn cứ: ${r.message}`),
            ...(a.codified.length > 0 ? [`   pháp điển: ${a.codified.map((c) => `Điều ${c.code}`).join(', ')}`] : []),
            `   ${a.text.replace(/\s+/g, ' ').slice(0, 300)}${a.text.length > 300 ? '…' : ''}`,
          ].join('\n');
        out(
          [
            res.abstained ?? `${res.answers.length} answers at ${at}`,
            ...res.answers.map(line),
            ...(res.notInForce.length > 0 ? ['Not in force at this date:', ...res.notInForce.map(line)] : []),
          ].join('\n'),
          res,
        );
        return 0;
      });
    }
    case 'reindex': {
      if (values.ids !== undefined) {
        const ids = values.ids.split(/[,\s]+/).filter(Boolean);
        if (ids.length === 0 || ids.some((id) => !WORK_ID_RE.test(id))) {
          console.error(`csdl reindex: --ids takes document ids separated by commas (got "${values.ids}")`);
          return 2;
        }
        return withStore(dataDir, async (embedded) => {
          await embedded.ports.search.ensureReady();
          const res = await processWorkChanges(embedded.ports, ids);
          out(`re-processed ${res.indexed.length} documents (${res.removed.length} no longer stored, ${res.affected.length} related refreshed)`, res);
          return 0;
        });
      }
      return withStore(dataDir, async (embedded) => {
        await embedded.ports.search.ensureReady();
        const n = await reindexAll(embedded.ports, (done) => !values.json && process.stderr.write(`\rindexed ${done} documents`));
        const codified = await reindexCodification(embedded.ports);
        await embedded.ports.search.optimize();
        if (!values.json) process.stderr.write('\n');
        out(`reindexed ${n} documents and ${codified} codified articles`, { reindexed: n, codifiedArticles: codified });
        return 0;
      });
    }
    case 'mcp': {
      const baseUrl = process.env.PUBLIC_BASE_URL;
      if (!values.http) {
        await serveMcpStdio(dataDir, { ...(baseUrl ? { baseUrl } : {}) });
        return 0;
      }
      const port = values.port === undefined ? 3001 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
      const served = await serveMcpHttp(dataDir, { port, ...(process.env.HOST ? { host: process.env.HOST } : {}), ...(baseUrl ? { baseUrl } : {}) });
      await new Promise<void>((resolve) => {
        const stop = () => served.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    case 'token': {
      const role = values.role ?? 'editor';
      if (!(DEV_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${DEV_ROLES.join(', ')}`);
      const token = await signDevToken(devSecret(dataDir), values.subject ?? `local-${role}`, role === 'reader' ? [] : [role]);
      out(token, { token, role });
      return 0;
    }
    case 'parse': {
      const file = args[0];
      if (!file) throw new UsageError('parse needs a FILE');
      const bytes = await readInput(file);
      const read = await readDocument(file, bytes);
      const r = parseDocument(read.text, read.format);
      const diagnostics = [...read.diagnostics, ...r.diagnostics];
      const strip = (u: ParsedUnit): unknown => ({
        kind: u.kind,
        num: u.num,
        eId: u.eId,
        heading: u.heading,
        text: u.text,
        notes: u.notes,
        line: u.line,
        children: u.children.map(strip),
      });
      const count = (us: ParsedUnit[], k: string): number => us.reduce((n, u) => n + (u.kind === k ? 1 : 0) + count(u.children, k), 0);
      out(
        [
          `${r.metadata.number ?? '(no number)'} — ${r.metadata.title ?? '(no title)'}`,
          `${count(r.units, 'part')} parts, ${count(r.units, 'chapter')} chapters, ${count(r.units, 'article')} articles, ${count(r.units, 'clause')} clauses, ${count(r.units, 'point')} points`,
          ...diagnostics.map((d) => `${file}${d.line ? `:${d.line}` : ''}: ${d.severity} ${d.code}: ${d.message}`),
        ].join('\n'),
        { metadata: { ...r.metadata, format: read.format }, units: r.units.map(strip), diagnostics },
      );
      return 0;
    }
    case 'lint': {
      const file = args[0];
      if (!file) throw new UsageError('lint needs a FILE');
      const bytes = await readInput(file);
      const report = await lintFile(file, bytes, values.strict);
      out(
        [
          ...report.diagnostics.map((d) => `${file}${d.line ? `:${d.line}` : ''}: ${d.severity} ${d.code}: ${d.message}`),
          `${report.errors} error(s), ${report.warnings} warning(s)`,
        ].join('\n'),
        report,
      );
      return report.errors > 0 ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"; see "csdl help"`);
  }
}

/** With --json, failures are a JSON value on stdout too ({error: {code, message}}), besides the message on stderr. */
function reportJsonError(code: string, message: string): void {
  if (jsonMode || process.argv.includes('--json')) console.log(jsonLine({ error: { code, message } }));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    const code = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 'usage' : isDomainError(e) ? e.code : 'internal';
    reportJsonError(code, (e as Error).message);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`csdl: ${(e as Error).message}`);
      process.exitCode = 2;
    } else if (isDomainError(e)) {
      console.error(`csdl: ${e.message}`);
      process.exitCode = e.code === 'not_found' ? 3 : 1;
    } else {
      console.error(`csdl: unexpected error: ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    }
  },
);
