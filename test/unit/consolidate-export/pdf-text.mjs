/**
 * A PDF's text as pdf.js (the PDF reader of Firefox) reads it: the bytes on standard input; on standard output, JSON
 * `{pages, outline}`: one string per page (lines ended by "\n"), and the bookmarks as "depth title" lines, depth 0
 * outermost. Run by consolidated-print.test.ts in its own Node process, because pdfjs-dist ships ES modules only and
 * the tests run as CommonJS.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push(content.items.map((it) => ('str' in it ? `${it.str}${it.hasEOL ? '\n' : ''}` : '')).join(''));
}
const outline = [];
const walk = (items, depth) => {
  for (const item of items ?? []) {
    outline.push(`${depth} ${item.title}`);
    walk(item.items, depth + 1);
  }
};
walk(await doc.getOutline(), 0);
await doc.cleanup?.();
process.stdout.write(JSON.stringify({ pages, outline }));
