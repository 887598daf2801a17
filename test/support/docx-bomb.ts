/** DOCX files built in memory for the tests of reading (formats, the reading budgets of issue 22): a ZIP written by hand and a minimal valid package around any document.xml. */
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP archive, written by hand so that tests can make it wrong on purpose: entries stored instead of deflated, a
 * size declared other than the real one, general-purpose flags (bit 0: encrypted); `level` is zlib's (default 6).
 */
export function zipOf(
  files: Array<[string, string | Uint8Array]>,
  opts: { store?: boolean; declaredSize?: number; flags?: number; level?: number } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const packed = opts.store ? data : deflateRawSync(data, { level: opts.level ?? 6 });
    const nameBytes = Buffer.from(name);
    const size = opts.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.flags ?? 0, 6);
    local.writeUInt16LE(opts.store ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(opts.flags ?? 0, 8);
    central.writeUInt16LE(opts.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
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

/** The WordprocessingML namespace. */
export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The least WordprocessingML that Word and mammoth open. */
export function minimalDocx(documentXml: string, opts: Parameters<typeof zipOf>[1] = {}): Buffer {
  return zipOf(
    [
      [
        '[Content_Types].xml',
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ],
      [
        '_rels/.rels',
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ],
      ['word/document.xml', documentXml],
    ],
    opts,
  );
}
/** A DOCX whose word/document.xml holds these paragraph elements (XML, as written), packed as tightly as zlib can. */
export function docxWithBody(body: string): Buffer {
  return minimalDocx(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`, { level: 9 });
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
