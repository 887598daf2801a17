/**
 * Reading an uploaded file into text: plain text, Markdown, HTML (vbpl / thuvienphapluat-style pages) and DOCX.
 * Bytes in, text out: no file system, no environment, no logging. The format is told from the bytes (magic numbers,
 * content sniffing); the file extension is only a hint. Whatever cannot be read is refused with a DomainError
 * `unreadable_document` whose message starts with the file name (and its line, when there is one).
 *
 * The text is returned as read: normalisation (NFC, odd spaces, line ends) is domain/text/normalize.ts's job and
 * Markdown markup is removed by the parser later.
 *
 * Libraries (pure JavaScript, no native code):
 *  - htmlparser2 10 (fb55; the tokenizer under cheerio, actively maintained): a streaming, forgiving parser that
 *    decodes entities and never throws on bad markup, light on memory for the large pháp điển pages. Version 10 is
 *    the newest line published as CommonJS as well as ESM; 11+ are ESM only, which this CommonJS project (jest with
 *    swc, node_modules untransformed) cannot load.
 *  - mammoth (DOCX → semantic HTML: paragraphs, line breaks, tables, lists, footnotes; formatting reduced to
 *    <strong>/<em>, which are inline here and so leave no markup). Loaded on first DOCX only (it is slow to load).
 */
import { createInflateRaw } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { DomainError } from '../errors';
import type { Diagnostic } from '../model';

export type InputFormat = 'text' | 'markdown' | 'html' | 'docx';

export interface ReadDocument {
  text: string;
  format: InputFormat;
  diagnostics: Diagnostic[];
}

/**
 * What one DOCX may cost to read. mammoth holds the whole XML as a tree (about 90 bytes of memory and 1 ms of CPU per
 * kilobyte of XML, 6 KB per paragraph), so both are bounded *while unpacking*, before mammoth sees the file: a zip
 * bomb is refused in well under a second (issue 22: 28.5 MB of XML in a 1.8 MB file used to take 41 s and 2 GB).
 * `xmlBytes`: all the XML parts together, unpacked; `paragraphs`: paragraph elements (`<w:p>`, any prefix) in them.
 */
export interface DocxLimits {
  xmlBytes: number;
  paragraphs: number;
}

/** The XML of a DOCX, all parts together, may unpack to at most this many bytes for editors (a zip bomb is refused). */
export const MAX_DOCX_XML_BYTES = 50 * 1024 * 1024;

/**
 * Editors' uploads (ingest, drafts) and originals already stored: the largest laws in the corpus (the Civil Code,
 * 91/2015/QH13, 500 KB of text, 3,000 paragraphs) make about 6 MB of XML in Word's markup; a decision with long
 * tables (138/2025/QĐ-UBND Đồng Tháp) 10,000 paragraphs.
 */
export const DOCX_LIMITS: DocxLimits = { xmlBytes: MAX_DOCX_XML_BYTES, paragraphs: 100_000 };

/** Anonymous callers (`POST /v1/lint`): twice what the largest real documents need, about 3 s and 200 MB at worst. */
export const PUBLIC_DOCX_LIMITS: DocxLimits = { xmlBytes: 12 * 1024 * 1024, paragraphs: 25_000 };

/** Reads an uploaded file as text, telling its format from its bytes, or explains (naming the file) why it cannot. */
export async function readDocument(fileName: string, bytes: Uint8Array, limits: DocxLimits = DOCX_LIMITS): Promise<ReadDocument> {
  try {
    return await read(fileName, bytes, limits);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // A bug or a library failure we did not foresee: still a refusal of this file, never a crash.
    throw refuse(fileName, `could not be read (${reasonOf(e)})`);
  }
}

async function read(fileName: string, bytes: Uint8Array, limits: DocxLimits): Promise<ReadDocument> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) throw refuse(fileName, 'the file is empty');
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (/^PK(\x03\x04|\x05\x06|\x07\x08)/.test(magic)) return readDocx(fileName, bytes, ext, limits);
  if (magic.startsWith('%PDF-')) throw refuse(fileName, 'a PDF file; PDF is not accepted: send the text or the DOCX');
  if (magic === '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1')
    throw refuse(fileName, 'a legacy Word .doc file (or another OLE2 office file); save it as DOCX or send the text');
  if (magic.startsWith('{\\rtf')) throw refuse(fileName, 'an RTF file; save it as DOCX or send the text');
  if (magic.startsWith('\x1F\x8B')) throw refuse(fileName, 'a gzip-compressed file; decompress it first');

  const diagnostics: Diagnostic[] = [];
  let text: string;
  let html: boolean;
  if (magic.startsWith('\xFF\xFE') || magic.startsWith('\xFE\xFF')) {
    const encoding = magic.startsWith('\xFF\xFE') ? 'utf-16le' : 'utf-16be';
    text = decodeUtf16(fileName, bytes, encoding);
    diagnostics.push({ code: 'format.utf16', severity: 'info', message: `decoded as ${encoding.toUpperCase()} (byte-order mark)` });
    html = looksLikeHtml(text.slice(0, 4096), ext);
  } else {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
    html = looksLikeHtml(head.replace(/^\xEF\xBB\xBF/, ''), ext);
    const encoding = html && !head.startsWith('\xEF\xBB\xBF') ? htmlEncoding(head, diagnostics) : 'utf-8';
    text = encoding === 'utf-8' ? decodeUtf8(fileName, bytes) : new TextDecoder(encoding).decode(bytes);
  }
  let nul = text.indexOf('\u0000');
  // A PDF extraction may leave a stray NUL in a long text (02/2024/TT-BKHĐT: 2 in 89 KB): it is removed, and said where.
  // Binary content has them everywhere: at more than one in 10,000 characters the file is refused.
  if (nul >= 0 && !looksLikeBomlessUtf16(bytes)) {
    const count = text.split('\u0000').length - 1;
    if (count * 10_000 <= text.length) {
      diagnostics.push({
        code: 'format.nul_removed',
        severity: 'warning',
        message: `${count} NUL byte(s) removed (first at line ${lineAt(text, nul)})`,
        line: lineAt(text, nul),
      });
      text = text.replaceAll('\u0000', '');
      nul = -1;
    }
  }
  if (nul >= 0) {
    const hint = looksLikeBomlessUtf16(bytes) ? 'looks like UTF-16 without a byte-order mark; save the file as UTF-8' : 'binary content (NUL bytes)';
    throw refuse(fileName, hint, lineAt(text, nul));
  }
  if (text.trim().length === 0) throw refuse(fileName, 'the file is empty');
  if (html) {
    const extracted = htmlToText(text, false);
    if (extracted.trim().length === 0) throw refuse(fileName, 'the HTML page has no text');
    return { text: extracted, format: 'html', diagnostics };
  }
  const format: InputFormat = /\*\*[^*\n]+\*\*|^#{1,6}\s/m.test(text.slice(0, 20000)) ? 'markdown' : 'text';
  return { text, format, diagnostics };
}

function refuse(fileName: string, reason: string, line?: number): DomainError {
  return new DomainError(
    'unreadable_document',
    `${fileName}${line === undefined ? '' : `:${line}`}: ${reason}`,
    line === undefined ? { fileName } : { fileName, line },
  );
}

/** A damaged archive, in this module's own words (zipDirectory): safe to show. */
class ZipStructureError extends Error {}

/**
 * Why a file could not be read, for the refusal a client sees: this module's own findings as they are; a library's or
 * the runtime's message (`[xmldom error] …`, `Maximum call stack size exceeded`) never, only what it means for the
 * file (issue 22: internal messages leaked into 422 details).
 */
function reasonOf(e: unknown): string {
  if (e instanceof ZipStructureError) return e.message.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (e instanceof RangeError) return 'its structure is nested too deeply';
  const m = e instanceof Error ? e.message : String(e);
  if (/xml|unclosed|unexpected|malformed|not well-formed|end of input|invalid character/iu.test(m)) return 'its XML is malformed';
  return 'an unexpected error while converting it';
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

// ---------------------------------------------------------------------------------------------------- text encodings

/** UTF-8 (a BOM is dropped), or a refusal naming the 1-based line of the first invalid byte. */
function decodeUtf8(fileName: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw refuse(fileName, 'not valid UTF-8 text (save the file as UTF-8)', line);
  }
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (WHATWG rules), or the length. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function decodeUtf16(fileName: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder(encoding).decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    throw refuse(fileName, `not valid ${encoding.toUpperCase()} text (save the file as UTF-8)`, at < 0 ? 1 : lineAt(lossy, at));
  }
}

/** Most NULs at even or at odd offsets: Latin text in UTF-16 without a BOM. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 2000);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  return n >= 8 && Math.max(even, odd) >= n / 4 && Math.min(even, odd) <= Math.max(even, odd) / 10;
}

// -------------------------------------------------------------------------------------------------------------- HTML

/**
 * HTML when a document tag (`<html`, `<body`, `<!doctype`) is near the start, as the former decodeDocument judged;
 * or when the text opens with a tag and either the extension says HTML or block markup follows (a fragment).
 */
function looksLikeHtml(head: string, ext: string): boolean {
  const start = head.slice(0, 2000);
  if (/<(html|body|!doctype\s+html)\b/i.test(start)) return true;
  const trimmed = start.trimStart();
  if (!/^<([a-z][a-z0-9]*|!--)/i.test(trimmed)) return false;
  return ext === 'html' || ext === 'htm' || ext === 'xhtml' || /<\/(p|div|table|td|li|h[1-6]|span)>|<br\s*\/?>/i.test(start);
}

/** The encoding a page declares in a meta tag (prescanned as Latin-1), as a TextDecoder name; UTF-8 otherwise. */
function htmlEncoding(head: string, diagnostics: Diagnostic[]): string {
  const label = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head)?.[1];
  if (!label) return 'utf-8';
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    diagnostics.push({
      code: 'format.charset_unknown',
      severity: 'warning',
      message: `the page declares charset "${label}", which is not known; read as UTF-8`,
    });
    return 'utf-8';
  }
  // A page cannot declare UTF-16 in its own bytes: the HTML standard reads such a page as UTF-8.
  if (encoding === 'utf-8' || encoding.startsWith('utf-16')) return 'utf-8';
  diagnostics.push({ code: 'format.charset', severity: 'info', message: `decoded as ${encoding} (declared in the page)` });
  return encoding;
}

/** Elements that stand on lines of their own. Everything else (span, b, strong, a, sup, font, ...) is inline. */
const BLOCK = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
/** Elements whose content is never text of the document. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'title']);
/** What may stand in <head>; any other element, or stray text, starts the body (the head's end tag is optional). */
const HEAD_CONTENT = new Set(['base', 'link', 'meta', 'script', 'style', 'noscript', 'template', 'title']);

/**
 * The text of an HTML document, one line per block element, <br> and table cell. Entities are decoded, &nbsp;
 * stays U+00A0, runs of HTML white space become one space, runs of blank lines become one.
 * `docxNotes`: mammoth's footnotes (`<li id="footnote-3">… <a href="#footnote-ref-3">↑</a>`) become
 * `[1] …` lines, numbered as their references in the text, without the back link.
 */
function htmlToText(html: string, docxNotes: boolean): string {
  const lines: string[] = [];
  let cur = '';
  let dropped = 0;
  let pre = 0;
  let inHead = false;
  let headDone = false;
  let inBackLink = false;
  let noteRef: string | null = null;
  let notePrefix = '';
  const noteMarkers = new Map<string, string>();

  const breakLine = (force: boolean) => {
    if (force || cur.trim() !== '') lines.push(cur);
    cur = '';
  };
  const append = (s: string) => {
    if (cur.endsWith(' ') && s.startsWith(' ')) cur += s.slice(1);
    else cur += s;
  };
  const endHead = () => {
    inHead = false;
    headDone = true;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'head') {
          if (!headDone) inHead = true;
          return;
        }
        if (inHead && !HEAD_CONTENT.has(name)) endHead();
        if (DROPPED.has(name)) dropped++;
        else if (name === 'br') breakLine(true);
        else if (BLOCK.has(name)) breakLine(false);
        if (name === 'pre') pre++;
        if (docxNotes) {
          const href = attribs.href ?? '';
          if (name === 'a' && /^#(foot|end)note-ref-/.test(href)) inBackLink = true;
          else if (name === 'a' && /^#(foot|end)note-/.test(href)) {
            noteRef = href.slice(1);
            noteMarkers.set(noteRef, '');
          } else if (name === 'li' && attribs.id && noteMarkers.has(attribs.id)) notePrefix = `${noteMarkers.get(attribs.id)} `;
        }
      },
      onclosetag(name) {
        if (name === 'head') {
          if (inHead) endHead();
          return;
        }
        if (DROPPED.has(name)) dropped = Math.max(0, dropped - 1);
        else if (BLOCK.has(name)) breakLine(false);
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (name === 'a') {
          inBackLink = false;
          noteRef = null;
        }
      },
      ontext(data) {
        if (dropped > 0 || inBackLink) return;
        if (inHead) {
          if (data.trim() === '') return;
          endHead();
        }
        if (noteRef !== null) noteMarkers.set(noteRef, (noteMarkers.get(noteRef) ?? '') + data.trim());
        if (notePrefix && data.trim() !== '') {
          append(notePrefix);
          notePrefix = '';
        }
        if (pre > 0) {
          const parts = data.split(/\r\n|\r|\n/);
          parts.forEach((part, i) => {
            if (i > 0) breakLine(true);
            cur += part;
          });
        } else append(data.replace(/[\t\n\f\r ]+/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  breakLine(false);

  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

// -------------------------------------------------------------------------------------------------------------- DOCX

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function readDocx(fileName: string, bytes: Uint8Array, ext: string, limits: DocxLimits): Promise<ReadDocument> {
  let entries: ZipEntry[];
  try {
    entries = zipDirectory(bytes);
  } catch (e) {
    throw refuse(fileName, `not a readable DOCX: damaged ZIP structure (${e instanceof ZipStructureError ? reasonOf(e) : 'truncated or corrupt'})`);
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    const what = ext === 'docx' ? 'not a DOCX: the archive has no word/document.xml' : 'a ZIP archive that is not a DOCX (no word/document.xml)';
    throw refuse(fileName, `${what}; send the text or the DOCX`);
  }
  await checkXmlSizes(fileName, bytes, entries, limits);

  let html: string;
  const diagnostics: Diagnostic[] = [];
  try {
    const mammoth = (await import('mammoth')).default;
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        // Images are not text: never unpack them (mammoth's default inlines each one as base64).
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
    const seen = new Set<string>();
    for (const m of result.messages) {
      // Styles are deliberately not mapped: the text is what matters, so unknown styles are no news.
      if (/^Unrecognised (paragraph|run|table|numbering)? ?style/i.test(m.message) || seen.has(m.message) || seen.size >= 20) continue;
      seen.add(m.message);
      diagnostics.push({ code: 'format.docx', severity: 'warning', message: `DOCX: ${m.message}` });
    }
  } catch (e) {
    throw refuse(fileName, `not a readable DOCX: ${reasonOf(e)}`);
  }
  const text = htmlToText(html, true);
  if (text.trim().length === 0) throw refuse(fileName, 'the DOCX has no text');
  return { text, format: 'docx', diagnostics };
}

/**
 * The central directory of a ZIP (with ZIP64 fields), read by hand because neither mammoth nor jszip exposes the
 * sizes of the entries before unpacking them.
 */
function zipDirectory(b: Uint8Array): ZipEntry[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipStructureError('no end of central directory; truncated?');
  let count = dv.getUint16(eocd + 10, true);
  let offset = dv.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && dv.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(dv.getBigUint64(eocd - 12, true));
    if (z + 56 > b.length || dv.getUint32(z, true) !== 0x06064b50) throw new ZipStructureError('bad ZIP64 end of central directory');
    count = Number(dv.getBigUint64(z + 32, true));
    offset = Number(dv.getBigUint64(z + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let k = 0, p = offset; k < count; k++) {
    if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) throw new ZipStructureError('bad central directory entry');
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const entry: ZipEntry = {
      name: Buffer.from(b.subarray(p + 46, p + 46 + nameLength)).toString('utf8'),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    // ZIP64 extra field (0x0001): the 64-bit values of the saturated fields, in this order.
    for (let x = p + 46 + nameLength, end = Math.min(x + extraLength, b.length); x + 4 <= end; ) {
      const id = dv.getUint16(x, true);
      const len = dv.getUint16(x + 2, true);
      if (id === 0x0001) {
        let v = x + 4;
        for (const field of ['size', 'compressedSize', 'localOffset'] as const)
          if (entry[field] === 0xffffffff && v + 8 <= x + 4 + len && v + 8 <= b.length) {
            entry[field] = Number(dv.getBigUint64(v, true));
            v += 8;
          }
      }
      x += 4 + len;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + dv.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * Unpacks the XML parts (what mammoth reads) within the limits, counting paragraphs as the bytes come: sizes are
 * checked, not trusted, and unpacking stops at the first byte or paragraph over the budget.
 */
async function checkXmlSizes(fileName: string, b: Uint8Array, entries: ZipEntry[], limits: DocxLimits): Promise<void> {
  const tooLarge = () => refuse(fileName, `not a readable DOCX: its XML unpacks to more than ${mb(limits.xmlBytes)} MB`);
  const tooMany = () => refuse(fileName, `not a readable DOCX: it has more than ${limits.paragraphs.toLocaleString('en')} paragraphs`);
  const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name));
  if (xml.reduce((sum, e) => sum + e.size, 0) > limits.xmlBytes) throw tooLarge();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const budget = { bytes: limits.xmlBytes, paragraphs: limits.paragraphs };
  for (const e of xml) {
    const damaged = (why: string) => refuse(fileName, `not a readable DOCX: ${e.name} ${why}`);
    if (e.flags & 1) throw refuse(fileName, 'not a readable DOCX: the file is encrypted (password-protected); save it without a password');
    if (e.localOffset + 30 > b.length || dv.getUint32(e.localOffset, true) !== 0x04034b50) throw damaged('has no local header');
    const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
    if (start + e.compressedSize > b.length) throw damaged('is truncated');
    const data = b.subarray(start, start + e.compressedSize);
    const counter = paragraphCounter();
    const take = (chunk: Uint8Array): 'bytes' | 'paragraphs' | null => {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) return 'bytes';
      budget.paragraphs -= counter(chunk);
      return budget.paragraphs < 0 ? 'paragraphs' : null;
    };
    let over: 'bytes' | 'paragraphs' | null;
    if (e.method === 0) over = take(data);
    else if (e.method === 8) {
      try {
        over = await inflateBounded(data, take);
      } catch (err) {
        throw damaged(`is damaged (${reasonOf(err)})`);
      }
    } else throw damaged(`uses an unsupported compression method (${e.method})`);
    if (over === 'bytes') throw tooLarge();
    if (over === 'paragraphs') throw tooMany();
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Inflates a raw deflate stream chunk by chunk, handing each chunk to `take`, and stops (destroying the stream, so
 * nothing more is unpacked) as soon as `take` says the budget is spent; that verdict is returned, null when all fit.
 */
function inflateBounded<T>(data: Uint8Array, take: (chunk: Buffer) => T | null): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    let done = false;
    z.on('data', (chunk: Buffer) => {
      if (done) return;
      const over = take(chunk);
      if (over !== null) {
        done = true;
        z.destroy();
        resolve(over);
      }
    });
    z.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
    z.on('end', () => {
      if (!done) resolve(null);
      done = true;
    });
    z.end(data);
  });
}

/**
 * Counts paragraph start tags (`<w:p>`, `<w:p w:rsidR=…>`, `<a:p>`, any namespace prefix or none; not `<w:pPr>`) in
 * XML handed over in chunks: a tag cut by a chunk boundary is counted with the next chunk.
 */
function paragraphCounter(): (chunk: Uint8Array) => number {
  let carry = '';
  return (chunk) => {
    const s = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const cut = s.lastIndexOf('<');
    const whole = cut >= 0 && s.length - cut < 64 ? s.slice(0, cut) : s;
    carry = s.slice(whole.length);
    return whole.match(PARAGRAPH_TAG)?.length ?? 0;
  };
}
const PARAGRAPH_TAG = /<(?:[A-Za-z_][\w.-]*:)?p[\s/>]/g;
