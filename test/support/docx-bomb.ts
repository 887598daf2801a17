/** DOCX files built in memory for the reading budgets (issue 22): a minimal valid package around any document.xml. */
import { crc32, deflateRawSync } from 'node:zlib';

/** A ZIP archive (deflated entries), written by hand. */
export function zipOf(files: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data, { level: 9 });
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += 30 + n.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A DOCX whose word/document.xml holds these paragraph elements (XML, as written). */
export function docxWithBody(body: string): Buffer {
  return zipOf([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`],
  ]);
}

export const paragraph = (text: string) =>
  `<w:p w:rsidR="00A1B2C3"><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/**
 * The bomb of issue 22: about `mb` MB of numbered article paragraphs in word/document.xml (28.5 MB unpacked in a
 * file of 1-2 MB: the numbers keep it from compressing a thousandfold, as real text would).
 */
export function docxBomb(mb = 28.5): { docx: Buffer; xmlBytes: number; paragraphs: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < mb * 1024 * 1024; i++) {
    const p = paragraph(`Điều ${i}. Phạm vi điều chỉnh ${(i * 7919) % 100_003}`);
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  return { docx: docxWithBody(parts.join('')), xmlBytes: size, paragraphs: parts.length };
}

/** Runs `fn`, and tells how long it took and how much the resident memory grew at most (sampled every 10 ms). */
export async function measured<T>(fn: () => Promise<T>): Promise<{ result: T | Error; ms: number; rssGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  let result: T | Error;
  try {
    result = await fn();
  } catch (e) {
    result = e as Error;
  }
  const ms = performance.now() - started;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, rssGrowthMb: (peak - before) / 1024 / 1024 };
}
