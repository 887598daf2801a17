/**
 * Akoma Ntoso 3.0 (issue 20): every document of the development corpus, as promulgated and as in force at the dates
 * its text or validity changes, is valid against the OASIS schema (test/fixtures/akn, validated with libxml2 compiled
 * to WebAssembly); its body reads back into the same units; amendments are modifications on both sides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { aknUris, escapeText, fromAkomaNtoso, toAkomaNtoso } from '../../../domain/export/akn';
import type { Unit } from '../../../domain/model';
import { consolidatedDocument, documentTimeline } from '../../../domain/services/consolidation';
import { aknOf, exportDocument } from '../../../domain/services/export';
import { ingestDocument } from '../../../domain/services/ingest';
import { buildTree } from '../../../domain/units';
import { drainOutbox } from '../../../local/stream';
import { tempEmbedded } from '../../support/embedded';
import { CORPUS_FILES, corpusFile, makeWork, SAMPLE_DIR } from '../../support/fixtures';

const SCHEMA_DIR = join(__dirname, '..', '..', 'fixtures', 'akn');
const embedded = tempEmbedded();
const { ports } = embedded;

/** What a round trip must give back: the tree of kind, num, eId, heading, text. */
const bare = (us: Unit[]): Unit[] => us.map((u) => ({ kind: u.kind, num: u.num, eId: u.eId, heading: u.heading, text: u.text, children: bare(u.children) }));

/** Every exported document: its label, the XML and the units it was made from. */
const exported: { name: string; xml: string; units: Unit[] }[] = [];

beforeAll(async () => {
  for (const f of CORPUS_FILES) await ingestDocument(ports, { fileName: f, bytes: corpusFile(f) });
  for (const f of readdirSync(SAMPLE_DIR).filter((n) => n.endsWith('.txt')))
    await ingestDocument(ports, { fileName: f, bytes: readFileSync(join(SAMPLE_DIR, f)) });
  await drainOutbox(embedded);
  const works = (await ports.works.list({ limit: 100 })).items;
  for (const w of works) {
    exported.push({ name: w.id, xml: await aknOf(ports, w.id), units: bare(w.unitSet ? buildTree(await ports.units.listUnits(w.unitSet)) : []) });
    // Every date the text or the validity changes (the timeline), as far as it is after the date of issue.
    const dates = (await documentTimeline(ports, w.id)).dates.map((d) => d.date).filter((d) => !w.issued || d >= w.issued);
    for (const at of dates)
      exported.push({ name: `${w.id}@${at}`, xml: await aknOf(ports, w.id, at), units: bare((await consolidatedDocument(ports, w, at)).units) });
  }
}, 300_000);
afterAll(() => embedded.close());

const dom = (xml: string) => parseDocument(xml, { xmlMode: true });
const all = (xml: string, name: string) => DomUtils.getElementsByTagName(name, dom(xml).children, true) as Element[];
const one = (xml: string, name: string) => all(xml, name)[0] as Element;
const child = (el: Element, name: string) => DomUtils.getElementsByTagName(name, el.children, true) as Element[];

describe('Akoma Ntoso 3.0 of the development corpus', () => {
  it('is valid against the OASIS schema, every document and every version at a date', async () => {
    const works = new Set(exported.filter((d) => !d.name.includes('@')).map((d) => d.name));
    // 50 files, two of them second renditions (Công báo) of a document: 48 works.
    expect(works.size).toBe((await ports.works.list({ limit: 100 })).items.length);
    expect(works.size).toBeGreaterThanOrEqual(48);
    const xsd = (name: string) => readFileSync(join(SCHEMA_DIR, name), 'utf8');
    const started = Date.now();
    const result = await validateXML({
      xml: exported.map((d) => ({ fileName: `${d.name.replace(/[^A-Za-z0-9@-]/g, '_')}.xml`, contents: d.xml })),
      schema: [{ fileName: 'akomantoso30.xsd', contents: xsd('akomantoso30.xsd') }],
      preload: [{ fileName: 'xml.xsd', contents: xsd('xml.xsd') }],
      initialMemoryPages: 64 * memoryPages.MiB,
      maxMemoryPages: 2 * memoryPages.GiB,
    });
    const seconds = (Date.now() - started) / 1000;
    const megabytes = exported.reduce((n, d) => n + Buffer.byteLength(d.xml), 0) / 1e6;
    console.log(
      `AKN: ${exported.length} documents (${works.size} original texts, ${exported.length - works.size} versions at a date; ${megabytes.toFixed(1)} MB) validated against akomantoso30.xsd in ${seconds.toFixed(1)} s: ${result.errors.length} errors`,
    );
    expect(result.errors.map((e) => e.rawMessage).slice(0, 20)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.rawOutput.match(/ validates$/gm)).toHaveLength(exported.length);
  }, 300_000);

  it('would say so: the validator finds a missing country, an element out of place, an eId twice', async () => {
    const xml = exported.find((d) => d.name === '09-2022-TT-BLDTBXH')?.xml ?? '';
    const broken = [xml.replace('<FRBRcountry value="vn"/>', ''), xml.replace('<num>Điều 1.</num>', '<foo/>'), xml.replace('eId="art_2"', 'eId="art_1"')];
    const xsd = (name: string) => readFileSync(join(SCHEMA_DIR, name), 'utf8');
    const result = await validateXML({
      xml: broken.map((contents, i) => ({ fileName: `broken-${i}.xml`, contents })),
      schema: [{ fileName: 'akomantoso30.xsd', contents: xsd('akomantoso30.xsd') }],
      preload: [{ fileName: 'xml.xsd', contents: xsd('xml.xsd') }],
    });
    expect(result.rawOutput.match(/ fails to validate$/gm)).toHaveLength(3);
    expect(result.rawOutput).toContain("Duplicate key-sequence ['art_1']");
  });

  it('reads back into the same units (kind, num, eId, heading, text), original texts and versions', () => {
    expect(exported.length).toBeGreaterThan(60);
    const differ = exported.filter((d) => JSON.stringify(fromAkomaNtoso(d.xml).units) !== JSON.stringify(d.units)).map((d) => d.name);
    expect(differ).toEqual([]);
    // Not vacuous: the big codes are there, to the point.
    const civil = exported.find((d) => d.name === '91-2015-QH13');
    expect(JSON.stringify(civil?.units).length).toBeGreaterThan(500_000);
    expect(fromAkomaNtoso(civil?.xml ?? '').units).toEqual(civil?.units);
  });

  it('links the documents the text cites by number', () => {
    const xml = exported.find((d) => d.name === '02-2023-TT-BLDTBXH')?.xml ?? '';
    const art1 = all(xml, 'article').find((a) => a.attribs.eId === 'art_1') as Element;
    const refs = child(art1, 'ref').map((r) => [r.attribs.href, DomUtils.textContent(r)]);
    expect(refs).toContainEqual([
      '/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh',
      'Thông tư số 09/2022/TT-BLĐTBXH ngày 25 tháng 5 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội',
    ]);
  });
});

describe('an amendment on both sides: 02/2023/TT-BLĐTBXH amends Điều 1 of 09/2022/TT-BLĐTBXH', () => {
  const doc = (name: string) => exported.find((d) => d.name === name)?.xml ?? '';

  it('the amending document carries the active modification, from its unit to the amended one', () => {
    const xml = doc('02-2023-TT-BLDTBXH');
    const mods = child(one(xml, 'activeModifications'), 'textualMod');
    expect(mods.map((m) => [m.attribs.type, child(m, 'source')[0]?.attribs.href, child(m, 'destination')[0]?.attribs.href])).toEqual([
      ['substitution', '#art_1', '/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/~art_1'],
    ]);
    // The source is a unit of its own body; the amended document is an activeRef.
    expect(all(xml, 'article').map((a) => a.attribs.eId)).toContain('art_1');
    expect(all(xml, 'activeRef').map((r) => r.attribs.href)).toContain('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh');
    expect(all(xml, 'passiveModifications')).toHaveLength(0);
  });

  it('the amended document carries the passive modification, dated in its lifecycle, on its Điều 1', () => {
    const xml = doc('09-2022-TT-BLDTBXH');
    const mods = child(one(xml, 'passiveModifications'), 'textualMod');
    expect(mods.map((m) => [m.attribs.type, child(m, 'source')[0]?.attribs.href, child(m, 'destination')[0]?.attribs.href])).toEqual([
      ['substitution', '/akn/vn/act/2023-04-12/02-2023-tt-bldtbxh/~art_1', '#art_1'],
    ]);
    expect(all(xml, 'article').map((a) => a.attribs.eId)).toContain('art_1');
    const amendment = all(xml, 'eventRef').find((e) => e.attribs.type === 'amendment');
    expect(amendment?.attribs).toMatchObject({ date: '2023-06-01', source: '#pas-02-2023-tt-bldtbxh' });
    expect(all(xml, 'passiveRef').find((r) => r.attribs.eId === 'pas-02-2023-tt-bldtbxh')?.attribs.href).toBe('/akn/vn/act/2023-04-12/02-2023-tt-bldtbxh');
    expect(mods[0]?.attribs.period).toBe(`#tg_${amendment?.attribs.eId}`);
  });

  it('a version carries the amendments in force on its date, and their text', () => {
    const before = doc('09-2022-TT-BLDTBXH@2022-07-11');
    expect(all(before, 'passiveModifications')).toHaveLength(0);
    const after = doc('09-2022-TT-BLDTBXH@2023-06-01');
    expect(all(after, 'passiveModifications')).toHaveLength(1);
    const heading = (xml: string) =>
      fromAkomaNtoso(xml)
        .units.flatMap((u) => u.children)
        .find((u) => u.eId === 'art_1')?.heading;
    expect(heading(before)).toBe('Phạm vi điều chỉnh');
    expect(heading(after)).toBe('Phạm vi áp dụng');
    // The change note is an authorial note, not text.
    expect(all(after, 'authorialNote').map((n) => DomUtils.textContent(n))).toContain(
      'Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH, có hiệu lực kể từ ngày 01 tháng 6 năm 2023',
    );
  });
});

describe('names and versions', () => {
  it('names the work, the original text and a version at a date by the AKN naming convention', async () => {
    const law = await ports.works.get('59-2020-QH14');
    expect(aknUris(law as NonNullable<typeof law>)).toMatchObject({
      work: '/akn/vn/act/2020-06-17/59-2020-qh14',
      expression: '/akn/vn/act/2020-06-17/59-2020-qh14/vie@2020-06-17',
      manifestation: '/akn/vn/act/2020-06-17/59-2020-qh14/vie@2020-06-17/!main.xml',
      workDate: { date: '2020-06-17', name: 'issued' },
    });
    const original = await aknOf(ports, '09/2022/TT-BLĐTBXH');
    const version = await aknOf(ports, '09/2022/TT-BLĐTBXH', '2023-06-01');
    const frbr = (xml: string, el: string, what: string) => child(one(xml, el), what)[0]?.attribs.value;
    expect(frbr(original, 'FRBRExpression', 'FRBRuri')).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2022-05-25');
    expect(frbr(version, 'FRBRWork', 'FRBRuri')).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh');
    expect(frbr(version, 'FRBRExpression', 'FRBRuri')).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2023-06-01');
    expect(frbr(version, 'FRBRManifestation', 'FRBRthis')).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2023-06-01/!main.xml');
    expect(fromAkomaNtoso(version).frbr.expression).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2023-06-01');
    expect(one(original, 'act').attribs).toEqual({ name: 'thong_tu', contains: 'originalVersion' });
    expect(one(version, 'act').attribs).toEqual({ name: 'thong_tu', contains: 'singleVersion' });
    // The validity on the date, with its ground, in the database's own metadata.
    expect(one(version, 'csdl:validity').attribs).toMatchObject({ at: '2023-06-01', status: 'partially_expired', since: '2023-06-01' });
    expect(one(version, 'csdl:ground').attribs).toMatchObject({ code: 'amended', number: '02/2023/TT-BLĐTBXH', eId: 'art_1' });
  });

  it('names a text whose dates could not be read by the day the database received it', async () => {
    const undated = (await ports.works.list({ limit: 100 })).items.find((w) => !w.issued && !w.effective);
    expect(undated).toBeDefined();
    const w = undated as NonNullable<typeof undated>;
    const uris = aknUris(w);
    expect(uris.workDate).toEqual({ date: w.sources[0]?.receivedAt.slice(0, 10), name: 'received' });
    expect(uris.work).toBe(`/akn/vn/act/${uris.workDate.date}/${w.id.toLowerCase()}`);
  });

  it('has no version before the document was issued, and refuses a date that is none', async () => {
    await expect(aknOf(ports, '09/2022/TT-BLĐTBXH', '2022-05-24')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('2022-05-25') });
    await expect(aknOf(ports, '09/2022/TT-BLĐTBXH', '2023-02-30')).rejects.toMatchObject({ code: 'validation' });
    await expect(aknOf(ports, '99/2099/TT-KHONGCO')).rejects.toMatchObject({ code: 'not_found' });
    await expect(exportDocument(ports, '09/2022/TT-BLĐTBXH', 'pdf')).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('allowed: akn'),
    });
  });
});

describe('text as XML', () => {
  it('escapes markup and drops what XML 1.0 cannot carry, and the text reads back', async () => {
    const work = makeWork({ id: 'escape-test', number: '1/2024/TT-BTEST', title: 'Thử <ký tự> & "dấu"', signer: { name: 'A & B', capacity: '' } });
    const units: Unit[] = [
      {
        kind: 'article',
        num: '1',
        eId: 'art_1',
        heading: 'a < b & c > d',
        text: 'dòng "một" \u0001có ký tự điều khiển\nx]]>y\tz\r\nkết thúc',
        children: [],
      },
    ];
    const xml = toAkomaNtoso({ work, units, activeEffects: [], passiveEffects: [], relations: { outgoing: [], incoming: [] }, others: [] });
    expect(xml).not.toContain('\u0001');
    expect(escapeText('a\uD800b')).toBe('ab');
    expect(fromAkomaNtoso(xml).units).toEqual([{ ...units[0], text: 'dòng "một" có ký tự điều khiển\nx]]>y\tz\r\nkết thúc' }]);
    const xsd = (name: string) => readFileSync(join(SCHEMA_DIR, name), 'utf8');
    // And a text with nothing known but itself: no number, dates, issuers, signer or units.
    const blank = makeWork({ id: 'unnumbered-0123456789abcdef', number: null, title: null, issuers: [], issued: null, effective: null, place: null });
    const empty = toAkomaNtoso({ work: blank, units: [], activeEffects: [], passiveEffects: [], relations: { outgoing: [], incoming: [] }, others: [] });
    expect(fromAkomaNtoso(empty).units).toEqual([]);
    expect(fromAkomaNtoso(empty).frbr.work).toBe('/akn/vn/act/2024-01-02/unnumbered-0123456789abcdef');
    const result = await validateXML({
      xml: [
        { fileName: 'escape.xml', contents: xml },
        { fileName: 'empty.xml', contents: empty },
      ],
      schema: [{ fileName: 'akomantoso30.xsd', contents: xsd('akomantoso30.xsd') }],
      preload: [{ fileName: 'xml.xsd', contents: xsd('xml.xsd') }],
    });
    expect(result.errors).toEqual([]);
  });

  it('refuses what is not an Akoma Ntoso document', () => {
    expect(() => fromAkomaNtoso('<html><body/></html>')).toThrow(/akomaNtoso/);
  });
});
