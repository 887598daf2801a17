/**
 * Reading the official Bộ pháp điển export: one đề mục file (`demuc/<id>.html`) and the list of topics and
 * headings (`tree.json`). Pure: strings in, data and diagnostics out; nothing here throws on bad input.
 *
 * A đề mục file is flat: `<p class='pChuong'>` (container label, then its title line), `<p class='pDieu'>` (the
 * article's code and title, with an `<a name>` anchor), `<p class='pGhiChu'>` (the source note), `<p
 * class='pNoiDung'>` (the text: nested <p>, tables) and `<p class='pChiDan'>` (cross-references). htmlparser2 closes
 * a <p> when the next one opens, so the reader does not trust nesting: a classed <p> starts a block that lasts until
 * the next classed <p>; the <p>s inside pNoiDung are its paragraphs.
 */
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import type { Diagnostic } from '../model';
import { fold, normalizeText } from '../text/normalize';
import { decodeCode, typeCodeAccepts, SOURCE_TYPES } from './code';
import { incorporations, noteReferences, parseSourceNote, readInlineNote } from './notes';
import type {
  CodifiedArticle,
  CodifiedHeading,
  CodifiedNode,
  CodifiedNodeKind,
  CrossReference,
  HeadingEntry,
  InlineNote,
  ParsedHeading,
  SourceNote,
  Topic,
} from './types';

type BlockKind = 'chuong' | 'dieu' | 'ghichu' | 'noidung' | 'chidan';
const BLOCK_CLASSES: Record<string, BlockKind> = {
  pChuong: 'chuong',
  pDieu: 'dieu',
  pGhiChu: 'ghichu',
  pNoiDung: 'noidung',
  pChiDan: 'chidan',
};
/** Tags that end a line of text (outside table cells). */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template']);

/** Collapses the spaces of already normalised text. */
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Lines of a block with table rows flattened (`cell | cell`). */
class TextBuilder {
  lines: string[] = [];
  private cur = '';
  private cell = '';
  private cells: string[] | null = null;
  private cellDepth = 0;

  text(t: string): void {
    if (this.cellDepth > 0) this.cell += t;
    else this.cur += t;
  }
  open(tag: string): void {
    if (tag === 'td' || tag === 'th') {
      if (this.cellDepth === 0) this.cell = '';
      else this.cell += ' ';
      this.cellDepth++;
    } else if (tag === 'tr') {
      if (this.cellDepth > 0) this.cell += ' ';
      else {
        this.flushRow();
        this.breakLine();
        this.cells = [];
      }
    } else if (BLOCK_TAGS.has(tag)) this.boundary();
  }
  close(tag: string): void {
    if (tag === 'td' || tag === 'th') {
      if (this.cellDepth === 0) return;
      this.cellDepth--;
      if (this.cellDepth === 0) {
        const c = clean(this.cell);
        this.cell = '';
        if (this.cells) this.cells.push(c);
        else if (c) this.lines.push(c);
      } else this.cell += ' ';
    } else if (tag === 'tr') {
      if (this.cellDepth === 0) this.flushRow();
    } else if (tag === 'table') {
      if (this.cellDepth === 0) this.flushRow();
      else this.cell += ' ';
    } else if (BLOCK_TAGS.has(tag)) this.boundary();
  }
  end(): string[] {
    if (this.cellDepth > 0) {
      this.cellDepth = 1;
      this.close('td');
    }
    this.flushRow();
    this.breakLine();
    return this.lines;
  }
  private boundary(): void {
    if (this.cellDepth > 0) this.cell += ' ';
    else this.breakLine();
  }
  private flushRow(): void {
    if (!this.cells) return;
    const row = this.cells.filter((c) => c !== '').join(' | ');
    if (row) this.lines.push(row);
    this.cells = null;
  }
  private breakLine(): void {
    const l = clean(this.cur);
    if (l) this.lines.push(l);
    this.cur = '';
  }
}

interface Link {
  href: string | null;
  onclick: string | null;
  name: string | null;
  text: string;
}

interface Block {
  kind: BlockKind;
  offset: number;
  raw: string;
  builder: TextBuilder;
  links: Link[];
  openLink: Link | null;
}

interface PendingArticle {
  label: string;
  rawLabel: string;
  anchor: string | null;
  line: number;
  path: string[];
  node: CodifiedNode | null;
  sourceNote: { text: string; urls: string[]; line: number } | null;
  lines: string[] | null;
  crossRefs: CrossReference[];
}

const NODE_LABEL_RE = /^(phan thu|phan|chuong|tieu muc|muc)\s+([^\s.:]+)[.:]?\s*/;
const NODE_LEVEL: Record<string, [CodifiedNodeKind, number]> = {
  'phan thu': ['part', 0],
  phan: ['part', 0],
  chuong: ['chapter', 1],
  muc: ['section', 2],
  'tieu muc': ['subsection', 3],
};
/** The depth of a container anchor: 20 digits a chapter, 40 a section, 60 a subsection. */
const ANCHOR_LEVEL: Record<number, [CodifiedNodeKind, number]> = { 20: ['chapter', 1], 40: ['section', 2], 60: ['subsection', 3] };

const CODE_TOKEN_RE = /^(\d{1,2}\.\d{1,3}\.\p{L}{1,3}(?:\.\d{1,4}(?:[a-zđ](?![\p{L}]))?){1,3})\.?/u;
const BARE_NUMBER_RE = /^(\d{1,4}(?:[a-zđ](?![\p{L}]))?)\.?(?![\p{L}\p{N}])/u;
/** A word spelled like Điều with other marks (`Đièu`, `Điêu`, `Dieu`, `ĐIều`), before a number. */
const DIEU_TYPO_RE = /(?<![\p{L}\p{N}])([ĐđD][iIìíỉĩị][eèéẻẽẹêềếểễệEÈÉÊỀẾ][uùúủũụUÙÚ])(?=\s+\d)/gu;
/** Correct spellings, and real words of the same letters (điếu: a cigarette, in "20 điếu"). */
const DIEU_WORDS = new Set(['Điều', 'điều', 'ĐIỀU', 'điếu', 'Điếu', 'diệu', 'Diệu', 'điệu', 'Điệu']);
const CROSS_CODE_RE = /Điều\s+(\d{1,2}\.\d{1,3}\.\p{L}{1,3}(?:\.\d{1,4}(?:[a-zđ](?![\p{L}]))?){1,3})/gu;

/** Offsets of line starts, for 1-based line numbers by binary search. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The heading id (`36.3`) and title from the file header `<h3>Đề mục 36.3<br/>Thanh niên</h3>`. */
function readHeader(parts: string[]): { id: string | null; title: string | null } {
  const lines = parts.map(clean).filter(Boolean);
  const first = lines[0] ?? '';
  const m = /^đề mục\s+(\d{1,2}\.\d{1,3})(?![\p{N}])\s*(.*)$/iu.exec(first);
  if (!m?.[1]) return { id: null, title: lines.join(' ') || null };
  const title = [m[2] ?? '', ...lines.slice(1)].join(' ').trim();
  return { id: m[1], title: title || null };
}

function readCrossRefs(links: Link[], fullText: string): CrossReference[] {
  const out: CrossReference[] = [];
  for (const link of links) {
    const text = clean(link.text);
    if (!text) continue;
    const anchor = link.onclick ? (/ViewNoiDungPhapDien\('([^']*)'\)/.exec(link.onclick)?.[1] ?? null) : null;
    const url = link.href && link.href !== '#' && !link.href.endsWith('ItemID=') ? link.href : null;
    const of = lastOf(text);
    const documentNumber = of ? (noteReferences(of)[0]?.documentNumber ?? null) : null;
    const codes = [...text.matchAll(CROSS_CODE_RE)].map((m) => decodeCode(m[1] as string)?.code).filter((c): c is string => !!c);
    if (codes.length === 0) out.push({ code: null, anchor, documentNumber, url, text });
    else for (const code of codes) out.push({ code, anchor: codes.length === 1 ? anchor : null, documentNumber, url, text });
  }
  if (out.length === 0 && fullText) out.push({ code: null, anchor: null, documentNumber: null, url: null, text: fullText });
  return out;
}

/** The part of a cross-reference after its last " của <document type>" (the document it names), if any. */
function lastOf(text: string): string | null {
  const f = fold(text);
  let at = -1;
  for (let i = f.indexOf(' cua '); i >= 0; i = f.indexOf(' cua ', i + 1)) at = i;
  return at >= 0 ? text.slice(at + 5) : null;
}

function hashOf(code: string, title: string, text: string, notes: InlineNote[], source: SourceNote | null): string {
  return createHash('sha256')
    .update(JSON.stringify([code, title, text, notes.map((n) => n.text), source?.raw ?? null]))
    .digest('hex');
}

/**
 * Reads one đề mục file of the export. The heading id comes from the header (`Đề mục 36.3`); articles whose code
 * names another heading keep their printed code and are reported (`heading_mismatch`). Never throws.
 */
export function parseHeadingHtml(html: string, fileName?: string): ParsedHeading {
  const diagnostics: Diagnostic[] = [];
  const where = fileName ? `${fileName}: ` : '';
  // Look-alike letters are folded by normalizeText below: note where they were first (line numbers survive it).
  const rawLineAt = html.includes('\u00D0') ? lineIndex(html) : null;
  const lookalikeLines = new Set<number>();
  if (rawLineAt) for (let i = html.indexOf('\u00D0'); i >= 0; i = html.indexOf('\u00D0', i + 1)) lookalikeLines.add(rawLineAt(i));
  // One pass over the whole file (NFC, Ð → Đ, odd spaces) is much cheaper than one per piece of text.
  const text = normalizeText(html);
  const lineAt = lineIndex(text);
  const diag = (code: string, severity: Diagnostic['severity'], message: string, line?: number) =>
    diagnostics.push(line === undefined ? { code, severity, message: where + message } : { code, severity, message: where + message, line });

  const headerParts: string[] = [];
  let inHeader = 0;
  let headerDone = false;
  let skip = 0;
  let block: Block | null = null;

  const nodes: CodifiedNode[] = [];
  const stack: { node: CodifiedNode; level: number }[] = [];
  let lastNode: CodifiedNode | null = null;
  let last: 'node' | 'article' | null = null;
  let pending: PendingArticle | null = null;
  const done: { a: PendingArticle; code: string | null }[] = [];

  const finishArticle = () => {
    if (pending) done.push({ a: pending, code: null });
    pending = null;
  };

  const startNode = (label: string, anchor: string | null, line: number) => {
    finishArticle();
    const f = fold(label);
    const m = NODE_LABEL_RE.exec(f);
    let kind: CodifiedNodeKind = 'other';
    let level = stack.length > 0 ? (stack[stack.length - 1] as { level: number }).level + 1 : 1;
    let num: string | null = null;
    let title: string | null = null;
    if (m?.[1] && m[2]) {
      [kind, level] = NODE_LEVEL[m[1]] as [CodifiedNodeKind, number];
      num = label.slice(m[1].length + 1, m[1].length + 1 + m[2].length);
      title = label.slice(m[0].length).trim() || null;
    } else if (anchor && ANCHOR_LEVEL[anchor.length]) {
      [kind, level] = ANCHOR_LEVEL[anchor.length] as [CodifiedNodeKind, number];
      title = label;
    } else {
      title = label;
      diag('unlabelled_container', 'info', `container line without a label: "${label.slice(0, 80)}"`, line);
    }
    const node: CodifiedNode = { kind, num, label: m ? label.slice(0, m[0].length).trim() : label, title, anchor, crossRefs: [], children: [], articles: [] };
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else nodes.push(node);
    stack.push({ node, level });
    lastNode = node;
    last = 'node';
  };

  const flush = () => {
    const b = block;
    block = null;
    if (!b) return;
    const line = lineAt(b.offset);
    const lines = b.builder.end();
    const joined = lines.join(' ');
    switch (b.kind) {
      case 'chuong': {
        if (!joined) return;
        const anchor = b.links.find((l) => l.name)?.name ?? null;
        // A title line under a label line that has none yet ("Chương I" then "NHỮNG QUY ĐỊNH CHUNG").
        if (!anchor && last === 'node' && lastNode && lastNode.title === null) lastNode.title = joined;
        else startNode(joined, anchor, line);
        return;
      }
      case 'dieu': {
        finishArticle();
        const path = stack.map(({ node }) => [node.label, node.title].filter(Boolean).join(' '));
        pending = {
          label: joined,
          rawLabel: b.raw,
          anchor: b.links.find((l) => l.name)?.name ?? null,
          line,
          path,
          node: stack[stack.length - 1]?.node ?? null,
          sourceNote: null,
          lines: null,
          crossRefs: [],
        };
        last = 'article';
        return;
      }
      case 'ghichu': {
        if (!pending || last !== 'article') {
          diag('stray_source_note', 'warning', `source note outside an article: "${joined.slice(0, 80)}"`, line);
          return;
        }
        const urls = b.links.map((l) => l.href).filter((h): h is string => !!h && h !== '#');
        if (pending.sourceNote) {
          diag('repeated_source_note', 'warning', `second source note under one article: "${joined.slice(0, 80)}"`, line);
          pending.sourceNote.text += ` ${joined}`;
        } else pending.sourceNote = { text: joined, urls, line };
        return;
      }
      case 'noidung': {
        if (!pending || last !== 'article') {
          diag('stray_text', 'warning', `article text outside an article: "${joined.slice(0, 80)}"`, line);
          return;
        }
        pending.lines = [...(pending.lines ?? []), ...lines];
        return;
      }
      case 'chidan': {
        const refs = readCrossRefs(b.links, joined);
        if (last === 'article' && pending) pending.crossRefs.push(...refs);
        else if (last === 'node' && lastNode) lastNode.crossRefs.push(...refs);
        else diag('stray_cross_reference', 'info', `cross-reference outside an article or container: "${joined.slice(0, 80)}"`, line);
        return;
      }
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP_TAGS.has(name)) {
          skip++;
          return;
        }
        if (name === 'h3' && !headerDone && !block) {
          inHeader++;
          return;
        }
        if (inHeader > 0) {
          if (name === 'br') headerParts.push('\n');
          return;
        }
        const kind = name === 'p' ? BLOCK_CLASSES[attribs.class ?? ''] : undefined;
        if (kind) {
          flush();
          block = { kind, offset: parser.startIndex, raw: '', builder: new TextBuilder(), links: [], openLink: null };
          return;
        }
        if (!block) return;
        if (name === 'a') {
          const link: Link = { href: attribs.href ?? null, onclick: attribs.onclick ?? null, name: attribs.name ?? null, text: '' };
          block.links.push(link);
          block.openLink = link;
        }
        block.builder.open(name);
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (inHeader > 0) {
          if (name === 'h3') {
            inHeader--;
            headerDone = true;
          }
          return;
        }
        if (!block) return;
        if (name === 'a') block.openLink = null;
        block.builder.close(name);
      },
      ontext(t) {
        if (skip > 0) return;
        if (inHeader > 0) {
          headerParts.push(t);
          return;
        }
        if (!block) return;
        if (block.kind === 'dieu') block.raw += t;
        block.builder.text(t);
        if (block.openLink) block.openLink.text += t;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  try {
    parser.write(text);
    parser.end();
  } catch (e) {
    // htmlparser2 does not throw on markup; this guards against a bug of ours mid-file.
    diag('parse_failed', 'error', `reading stopped: ${e instanceof Error ? e.message : String(e)}`);
  }
  flush();
  finishArticle();

  const header = readHeader(headerParts.join('').split('\n'));
  if (!header.id) diag('missing_header', 'warning', 'no "Đề mục N.N" header: the heading id is taken from the codes');
  for (const line of lookalikeLines) diag('lookalike_letter', 'info', 'Ð (U+00D0, Icelandic eth) written for Đ; read as Đ', line);
  return assemble(header, nodes, done, diagnostics, diag);
}

function assemble(
  header: { id: string | null; title: string | null },
  nodes: CodifiedNode[],
  done: { a: PendingArticle; code: string | null }[],
  diagnostics: Diagnostic[],
  diag: (code: string, severity: Diagnostic['severity'], message: string, line?: number) => void,
): ParsedHeading {
  let headingId = header.id;
  if (!headingId) {
    for (const { a } of done) {
      const c = decodeCode(CODE_TOKEN_RE.exec(clean(a.label).replace(/^\S+\s+/, ''))?.[1] ?? '');
      if (c) {
        headingId = c.headingId;
        break;
      }
    }
  }
  const id = headingId ?? '0.0';
  const topic = Number(id.split('.')[0]);
  const articles: CodifiedArticle[] = [];
  const mismatches = new Map<string, { count: number; line: number; example: string }>();
  const occurrences = new Map<string, number>();
  let previous: ReturnType<typeof decodeCode> = null;

  for (const { a } of done) {
    const label = a.label;
    const word = /^\S+/.exec(label)?.[0] ?? '';
    const rawWord = /^\S+/.exec(a.rawLabel.trim())?.[0] ?? '';
    if (fold(word) !== 'dieu') diag('unparsed_code', 'warning', `article line does not start with "Điều": "${label.slice(0, 80)}"`, a.line);
    else if (rawWord.normalize('NFC') !== 'Điều') diag('typo_dieu', 'info', `"${rawWord}" written for "Điều" in "${label.slice(0, 60)}"`, a.line);
    const rest = fold(word) === 'dieu' ? label.slice(word.length).trim() : label;
    let decoded: ReturnType<typeof decodeCode> = null;
    let title = rest;
    const tok = CODE_TOKEN_RE.exec(rest);
    if (tok?.[1]) {
      decoded = decodeCode(tok[1]);
      title = rest.slice(tok[0].length);
    }
    let code: string;
    if (decoded) code = decoded.code;
    else {
      const bare = BARE_NUMBER_RE.exec(rest);
      if (bare?.[1] && previous) {
        decoded = decodeCode([previous.topic, previous.heading, previous.typeCode, ...previous.segments.slice(0, -1), bare[1]].join('.'));
        title = rest.slice(bare[0].length);
      }
      if (decoded) {
        code = decoded.code;
        diag('unparsed_code', 'warning', `"Điều ${bare?.[1]}" has no code; read as ${code} after the previous article`, a.line);
      } else {
        code = (/^\S+/.exec(rest)?.[0] ?? `line-${a.line}`).replace(/\.$/, '');
        diag('unparsed_code', 'error', `no code in "${label.slice(0, 80)}"`, a.line);
      }
    }
    title = title.replace(/^[\s.:–-]+/u, '').trim();
    if (decoded) {
      previous = decoded;
      if (!SOURCE_TYPES[decoded.typeCode]) diag('unknown_type_code', 'warning', `unknown source type "${decoded.typeCode}" in ${code}`, a.line);
      if (decoded.headingId !== id) {
        const m = mismatches.get(decoded.headingId) ?? { count: 0, line: a.line, example: code };
        m.count++;
        mismatches.set(decoded.headingId, m);
      }
    }
    const occurrence = (occurrences.get(code) ?? 0) + 1;
    occurrences.set(code, occurrence);
    if (occurrence > 1) diag('duplicate_code', 'warning', `${code} appears ${occurrence} times in this heading`, a.line);

    // Text and inline notes.
    const notes: InlineNote[] = [];
    const kept: string[] = [];
    for (const l of a.lines ?? []) {
      const n = readInlineNote(l);
      if (n) notes.push(n);
      else kept.push(l);
    }
    const text = kept.join('\n');
    if (a.lines === null) diag('missing_text', 'warning', `${code} has no text block`, a.line);
    else if (!text && notes.length === 0) diag('empty_text', 'info', `${code} has an empty text`, a.line);
    if (!title) diag('untitled_article', 'info', `${code} has no title`, a.line);
    for (const part of [text, ...notes.map((n) => n.text)])
      for (const m of part.matchAll(DIEU_TYPO_RE)) {
        const w = m[1] as string;
        if (!DIEU_WORDS.has(w)) diag('typo_dieu', 'info', `"${w}" written for "Điều" in the text of ${code}`, a.line);
      }

    // Source note.
    let source: SourceNote | null = null;
    const note = a.sourceNote;
    if (!note?.text) diag('missing_source_note', 'warning', `${code} has no source note`, a.line);
    else {
      source = parseSourceNote(note.text, note.urls);
      const at = note.line;
      if (!source.documentNumber) diag('unparsed_source_note', 'warning', `${code}: no document number in "${source.raw.slice(0, 100)}"`, at);
      else if (!source.articleNum && !source.unit)
        diag('source_note_without_article', 'info', `${code}: the note names no article: "${source.raw.slice(0, 100)}"`, at);
      if (source.documentNumber && !source.effective)
        diag('source_note_without_date', 'warning', `${code}: no effective date in "${source.raw.slice(0, 100)}"`, at);
      if (decoded && source.documentType && SOURCE_TYPES[decoded.typeCode] && !typeCodeAccepts(decoded.typeCode, source.documentType))
        diag(
          'source_type_mismatch',
          'warning',
          `${code} is coded ${decoded.typeCode} but its note cites a ${source.documentType}: "${source.raw.slice(0, 80)}"`,
          at,
        );
      if (decoded && source.articleNum && source.articleNum.toLowerCase() !== decoded.article)
        diag('source_article_mismatch', 'info', `${code} is coded article ${decoded.article} but its note cites Điều ${source.articleNum}`, at);
    }
    a.node?.articles.push(code);
    articles.push({
      code,
      headingId: id,
      topic,
      sourceTypeCode: decoded?.typeCode ?? null,
      sourceOrdinal: decoded?.ordinal ?? null,
      sourceArticle: decoded?.article ?? null,
      title,
      text,
      anchor: a.anchor,
      path: a.path,
      source,
      notes,
      incorporates: incorporations(source, notes),
      crossRefs: a.crossRefs,
      contentHash: hashOf(code, title, text, notes, source),
      occurrence,
      line: a.line,
    });
  }
  for (const [other, m] of mismatches)
    diag(
      'heading_mismatch',
      'warning',
      `the header says đề mục ${id} but ${m.count} article code(s) say ${other} (first: ${m.example}); kept in ${id} with their printed codes`,
      m.line,
    );
  const heading: CodifiedHeading = { id, topic, title: header.title ?? '', nodes, articles };
  return { heading, diagnostics };
}

/** tree.json read: the topics and the heading list. */
export interface ParsedTree {
  topics: Topic[];
  headings: HeadingEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Reads tree.json: `{chu_de: [{chu_de, title}], de_muc: [{file_id, de_muc, title, empty, note}]}`. Reports
 * headings listed twice under one number, headings whose topic is not listed and entries without a number.
 */
export function parseTree(json: string): ParsedTree {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    diagnostics.push({ code: 'tree_unreadable', severity: 'error', message: `tree.json is not JSON: ${e instanceof Error ? e.message : String(e)}` });
    return { topics: [], headings: [], diagnostics };
  }
  const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? normalizeText(v).trim() : null);
  const topics: Topic[] = [];
  for (const t of Array.isArray(obj.chu_de) ? obj.chu_de : []) {
    const r = (t ?? {}) as Record<string, unknown>;
    const number = typeof r.chu_de === 'number' ? r.chu_de : Number(r.chu_de);
    const title = str(r.title);
    if (!Number.isInteger(number) || !title) {
      diagnostics.push({ code: 'tree_bad_topic', severity: 'warning', message: `topic entry without a number or title: ${JSON.stringify(t).slice(0, 120)}` });
      continue;
    }
    topics.push({ number, title });
  }
  const topicNumbers = new Set(topics.map((t) => t.number));
  const headings: HeadingEntry[] = [];
  const byId = new Map<string, number>();
  for (const h of Array.isArray(obj.de_muc) ? obj.de_muc : []) {
    const r = (h ?? {}) as Record<string, unknown>;
    const id = str(r.de_muc);
    const valid = id !== null && /^\d{1,2}\.\d{1,3}$/.test(id);
    const topic = valid ? Number(id.split('.')[0]) : null;
    const entry: HeadingEntry = { id: valid ? id : null, title: str(r.title), topic, file: str(r.file_id), empty: r.empty === true, note: str(r.note) };
    headings.push(entry);
    if (!valid) {
      diagnostics.push({
        code: 'tree_heading_without_id',
        severity: 'info',
        message: `heading entry ${entry.file ?? '?'} has no đề mục number${entry.note ? ` (${entry.note})` : ''}`,
      });
      continue;
    }
    byId.set(id, (byId.get(id) ?? 0) + 1);
    if (topic !== null && !topicNumbers.has(topic))
      diagnostics.push({ code: 'tree_unknown_topic', severity: 'info', message: `đề mục ${id} belongs to topic ${topic}, which the topic list lacks` });
  }
  for (const [id, n] of byId)
    if (n > 1) diagnostics.push({ code: 'tree_duplicate_heading', severity: 'warning', message: `đề mục ${id} is listed ${n} times (different files)` });
  return { topics, headings, diagnostics };
}
