/**
 * Akoma Ntoso 3.0 (OASIS LegalDocML, namespace http://docs.oasis-open.org/legaldocml/ns/akn/3.0) for a work as
 * promulgated or for its version at a date, and the way back from its body to the unit tree. Pure: plain inputs in
 * (services/export.ts gathers them), a string out; no I/O, no clock.
 *
 * Naming (AKN Naming Convention 1.0, country `vn`, language `vie`; every normative document is an `act`, the type
 * code is its `name` and FRBRsubtype):
 *   work           /akn/vn/act/{date}/{id lower-cased}                  /akn/vn/act/2020-06-17/59-2020-qh14
 *   expression     {work}/vie@{version}                                 …/59-2020-qh14/vie@2021-01-01
 *   manifestation  {expression}/!main.xml                               …/vie@2021-01-01/!main.xml
 * `{date}` is the work's date: its date of issue; else its effective date; else, for a text whose dates could not
 * be read, the day the database received it (FRBRdate name="received"): a real, stable date, said as what it is,
 * never a guess at the date of issue. `{version}` is the date asked (`at`) for a version at a date, else the work's
 * date (the original text). A portion of another document is `{work}/~{eId}`; one of this document `#{eId}`.
 * A document cited but not in the database is named from the citation: its id as refs.ts derives it, its date of
 * issue as cited or else the year its number carries (`/akn/vn/act/2020/59-2020-qh14`); with neither it gets no
 * link.
 *
 * Units: part, chapter (Chương), section (Mục), subsection (Tiểu mục), article (Điều), paragraph (khoản), point
 * (điểm); attachments and appendices are `<hcontainer name="attachment|appendix">` in the body, so their units keep
 * the eIds they have everywhere else (docs/adr/0002). `<num>` is the label as printed (`Điều 5.`, `1.`, `a)`); a
 * unit's own text is one `<p>` per line, in `<content>` (no children) or `<intro>` (before its children); the
 * documents its text cites by number are `<ref href>`; notes (a consolidated text's footnotes, the changes and the
 * validity of a version's units) are `<authorialNote>`s, which the way back leaves out of the text.
 */
import { Parser } from 'htmlparser2';
import { unitLabel } from '../consolidate/render';
import { vietnameseDate } from '../consolidate/notes';
import { DOCUMENT_TYPE_LABELS } from '../document-types';
import type { Effect, EffectOperation } from '../effects/types';
import { DomainError } from '../errors';
import type { Unit, UnitKind, UnitNote, Work } from '../model';
import { findReferences } from '../parse/references';
import { isLocalNumber, referenceKey, workIdFor } from '../refs';
import { RELATIONS, type Relation } from '../relations/types';
import { fold, normalizeText } from '../text/normalize';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** The namespace of this database's own metadata (`<proprietary>`, and a few attributes on modifications). */
export const CSDL_NAMESPACE = 'urn:x-csdlqg:akn:1';
export const AKN_COUNTRY = 'vn';
export const AKN_LANGUAGE = 'vie';
export const AKN_FORMAT = 'application/akn+xml';

/** A unit to export: the stored tree (with its footnotes) or a version's (with the notes of its changes and validity). */
export interface AknUnit {
  kind: UnitKind;
  num: string;
  eId: string;
  heading: string | null;
  text: string;
  children: AknUnit[];
  /** Footnotes printed with the unit (a consolidated text's). */
  notes?: UnitNote[];
  /** The changes that made the unit what it is on the date (consolidation notes). */
  sources?: { note: string }[];
  /** Set when the unit is not in force on the date, with the note saying why. */
  validity?: { status: string; note: string };
  repealed?: boolean;
}

/** Another document named in the metadata or the text: its id, number and the date its URI carries. */
export interface AknOtherWork {
  workId: string;
  number: string | null;
  /** ISO date (the work-date rule for a work in the database, the date of issue a citation gives otherwise) or a year. */
  date: string | null;
  title?: string | null;
  inDatabase: boolean;
}

/** The work's validity on the version's date, with its ground (services/consolidation.ts validityAt). */
export interface AknValidity {
  status: string;
  label: string;
  since: string | null;
  reasons: { code: string; message: string; date: string | null; workId?: string | null; number?: string | null; eId?: string; sourceEId?: string }[];
}

export interface AknInput {
  work: Work;
  /** The text: the original units, or the consolidated ones at `at`. */
  units: AknUnit[];
  /** The version's date; absent for the original text. */
  at?: string;
  /** What this document's instructions do to other documents. */
  activeEffects: Effect[];
  /** What other documents' instructions do to this one. */
  passiveEffects: Effect[];
  /** This document's relations to others (outgoing) and theirs to it (incoming). */
  relations: { outgoing: Relation[]; incoming: Relation[] };
  /** The other documents those name, as far as known. */
  others: AknOtherWork[];
  /** The validity on `at` (a version at a date). */
  validity?: AknValidity;
  /** Effects dated on or before `at` that could not be applied, with the reason. */
  unapplied?: { effectId: string; targetEId: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Names

export type WorkDateName = 'issued' | 'effective' | 'received';

/** The date a work's URI carries, and what it is: its date of issue, else its effective date, else the day received. */
export function workDate(work: Pick<Work, 'issued' | 'effective' | 'sources' | 'createdAt'>): { date: string; name: WorkDateName } {
  if (work.issued) return { date: work.issued, name: 'issued' };
  if (work.effective) return { date: work.effective, name: 'effective' };
  const received = [...work.sources.map((s) => s.receivedAt), work.createdAt].filter(Boolean).sort()[0] ?? work.createdAt;
  return { date: received.slice(0, 10), name: 'received' };
}

export interface AknUris {
  /** The work (/akn/vn/act/{date}/{id}), its main component (FRBRthis), the date and what it is. */
  work: string;
  workThis: string;
  workDate: { date: string; name: WorkDateName };
  /** The expression: the original text, or the version at `at`. */
  expression: string;
  expressionThis: string;
  /** The version's date: `at`, or the work's date for the original. */
  version: string;
  /** This XML: the expression's main component as XML. */
  manifestation: string;
  /** The manifestation as a package (the AKN `.akn` form), FRBRuri of the manifestation. */
  manifestationUri: string;
}

/** A document's URI from its id and date (ISO date or year). */
export const workUri = (workId: string, date: string) => `/akn/${AKN_COUNTRY}/act/${date}/${workId.toLowerCase()}`;

/** The FRBR URIs of a work, of its original text (no `at`) or of its version at `at`. */
export function aknUris(work: Pick<Work, 'id' | 'issued' | 'effective' | 'sources' | 'createdAt'>, at?: string): AknUris {
  const d = workDate(work);
  const w = workUri(work.id, d.date);
  const version = at ?? d.date;
  const e = `${w}/${AKN_LANGUAGE}@${version}`;
  return {
    work: w,
    workThis: `${w}/!main`,
    workDate: d,
    expression: e,
    expressionThis: `${e}/!main`,
    version,
    manifestation: `${e}/!main.xml`,
    manifestationUri: `${e}.akn`,
  };
}

/** The year a number carries (`59/2020/QH14` → 2020), if any. */
function yearOfNumber(number: string | null): string | null {
  return number ? (/\/((?:1[89]|20)\d\d)\//.exec(number)?.[1] ?? null) : null;
}

/** An ASCII slug for local ids (eIds of references): `QUỐC HỘI` → `quoc-hoi`. */
function slug(text: string): string {
  return (
    fold(normalizeText(text))
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'x'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// XML

/** Characters XML 1.0 does not allow (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates): dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: `&`, `<`, `>` escaped, CR kept as a reference (a parser would turn it into LF). */
export function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Text as an attribute value: quotes and whitespace other than the space escaped too (attribute normalisation). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/["\n\t]/g, (c) => (c === '"' ? '&quot;' : c === '\n' ? '&#10;' : '&#9;'));
}

/** An element: its name, attributes (undefined and null left out) and children (elements, or text already escaped). */
interface El {
  n: string;
  a: [string, string][];
  c: Node[];
}
type Node = El | { text: string };

type Attrs = Record<string, string | null | undefined>;
function x(n: string, attrs: Attrs = {}, ...children: (Node | null | undefined | false)[]): El {
  const a = Object.entries(attrs).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== null);
  return { n, a, c: children.filter((c): c is Node => !!c) };
}
const t = (text: string): Node => ({ text: escapeText(text) });

/** Elements of mixed content: written on one line whatever they hold, so that no indentation enters their text. */
const MIXED = new Set(['p', 'num', 'heading', 'docProponent', 'docNumber', 'docDate', 'docType', 'docTitle', 'signature', 'csdl:ground']);

/** Indented where an element holds only elements; mixed content on one line, as it is. */
function render(node: El, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const open = `<${node.n}${node.a.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}`;
  if (node.c.length === 0) {
    out.push(`${pad}${open}/>`);
    return;
  }
  if (MIXED.has(node.n) || node.c.some((c) => 'text' in c)) {
    out.push(`${pad}${open}>${inline(node.c)}</${node.n}>`);
    return;
  }
  out.push(`${pad}${open}>`);
  for (const c of node.c) render(c as El, depth + 1, out);
  out.push(`${pad}</${node.n}>`);
}

function inline(nodes: Node[]): string {
  return nodes
    .map((c) => ('text' in c ? c.text : `<${c.n}${c.a.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}${c.c.length ? `>${inline(c.c)}</${c.n}>` : '/>'}`))
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// The document

/** The AKN element of each kind of unit (attachments and appendices: an hcontainer with that name). */
const ELEMENT: Record<UnitKind, { tag: string; name?: string }> = {
  part: { tag: 'part' },
  chapter: { tag: 'chapter' },
  section: { tag: 'section' },
  subsection: { tag: 'subsection' },
  article: { tag: 'article' },
  clause: { tag: 'paragraph' },
  point: { tag: 'point' },
  attachment: { tag: 'hcontainer', name: 'attachment' },
  appendix: { tag: 'hcontainer', name: 'appendix' },
};

/** What each effect is in AKN: a textual modification of a type, or (a suspension) an efficacy modification. */
const MODIFICATION: Record<EffectOperation, { tag: 'textualMod' | 'efficacyMod'; type: string }> = {
  replace_unit: { tag: 'textualMod', type: 'substitution' },
  rename_heading: { tag: 'textualMod', type: 'substitution' },
  insert_after: { tag: 'textualMod', type: 'insertion' },
  insert_into: { tag: 'textualMod', type: 'insertion' },
  repeal_unit: { tag: 'textualMod', type: 'repeal' },
  replace_phrase: { tag: 'textualMod', type: 'substitution' },
  insert_phrase: { tag: 'textualMod', type: 'insertion' },
  delete_phrase: { tag: 'textualMod', type: 'repeal' },
  replace_appendix: { tag: 'textualMod', type: 'substitution' },
  replace_work: { tag: 'textualMod', type: 'substitution' },
  repeal_work: { tag: 'textualMod', type: 'repeal' },
  suspend: { tag: 'efficacyMod', type: 'inapplication' },
};

/** Relations that change or end the document they point to: its modifiers (passiveRef) and what it modifies (activeRef). */
const modifies = (r: Relation) => RELATIONS[r.type]?.ends === true || RELATIONS[r.type]?.changes === true || r.type === 'corrects';

interface Ctx {
  input: AknInput;
  uris: AknUris;
  /** The other documents by id, and by reference key of their number (when only one has it). */
  byId: Map<string, AknOtherWork>;
  byKey: Map<string, AknOtherWork | null>;
  /** The documents the text has cited with a date so far, by reference key: a later mention without one is the same. */
  cited: Map<string, string>;
}

function contextOf(input: AknInput): Ctx {
  const byId = new Map<string, AknOtherWork>();
  const byKey = new Map<string, AknOtherWork | null>();
  for (const o of input.others) {
    byId.set(o.workId, o);
    if (!o.number) continue;
    const k = referenceKey(o.number);
    const seen = byKey.get(k);
    // A local number several provinces share names none of them for sure.
    byKey.set(k, seen === undefined || seen?.workId === o.workId ? o : null);
  }
  return { input, uris: aknUris(input.work, input.at), byId, byKey, cited: new Map() };
}

/**
 * Another document as the metadata names it: its id (from its number when the link has none: a known document with
 * that number, else the id refs.ts derives) and its work URI (this document's when it is itself); null when no date
 * is known for it.
 */
function otherDoc(ctx: Ctx, workId: string | null, number: string | null, citedDate: string | null = null): { workId: string; uri: string } | null {
  let id = workId;
  if (!id && number) {
    const known = ctx.byKey.get(referenceKey(number));
    id = known ? known.workId : workIdFor({ number, issued: citedDate, place: isLocalNumber(number) ? ctx.input.work.place : null });
  }
  if (!id) return null;
  if (id === ctx.input.work.id) return { workId: id, uri: ctx.uris.work };
  const o = ctx.byId.get(id);
  const date = o?.date ?? citedDate ?? yearOfNumber(o?.number ?? number);
  return date ? { workId: id, uri: workUri(id, date) } : null;
}

/** The URI a citation in the text links to: the document it names by its number (and date, when it gives one). */
function hrefOfCitation(ctx: Ctx, number: string, date: string | null): string | null {
  const key = referenceKey(number);
  if (ctx.byKey.get(key)) return otherDoc(ctx, null, number, date)?.uri ?? null;
  const before = ctx.cited.get(key);
  if (!date && before) return before;
  const uri = otherDoc(ctx, null, number, date)?.uri ?? null;
  if (uri && date && !before) ctx.cited.set(key, uri);
  return uri;
}

const nameOf = (o: { number: string | null; title?: string | null; workId: string }) => o.number ?? o.title ?? o.workId;

/** A line of text with the documents it cites by number as `<ref>`s. */
function textWithRefs(ctx: Ctx, line: string): Node[] {
  const out: Node[] = [];
  let pos = 0;
  for (const r of findReferences(line)) {
    if (!r.number) continue;
    const href = hrefOfCitation(ctx, r.number, r.date);
    const at = href ? line.indexOf(r.text, pos) : -1;
    if (!href || at < 0) continue;
    if (at > pos) out.push(t(line.slice(pos, at)));
    // The sentence's punctuation after a citation is not part of it.
    const cited = r.text.replace(/[.,;:]+$/u, '');
    out.push(x('ref', { href }, t(cited)));
    pos = at + cited.length;
  }
  if (pos < line.length) out.push(t(line.slice(pos)));
  return out;
}

/** The notes of a unit, each an authorial note (its kind in `class`). */
function notesOf(u: AknUnit): El[] {
  const note = (cls: string, text: string, marker?: string) =>
    x('authorialNote', { class: cls, marker, placement: 'bottom' }, ...text.split('\n').map((l) => x('p', {}, l ? t(l) : null)));
  return [
    ...(u.notes ?? []).map((n) => note('footnote', n.text, n.marker)),
    ...(u.sources ?? []).map((s) => note('change', s.note)),
    ...(u.validity ? [note('validity', u.validity.note)] : []),
  ];
}

/** A unit's own text, one `<p>` per line, the notes at the end of the last. */
function paragraphs(ctx: Ctx, text: string, notes: El[]): El[] {
  const lines = text.split('\n');
  return lines.map((line, i) => x('p', {}, ...textWithRefs(ctx, line), ...(i === lines.length - 1 ? notes : [])));
}

function unitElement(ctx: Ctx, u: AknUnit): El {
  const { tag, name } = ELEMENT[u.kind];
  const notes = notesOf(u);
  const cls = u.validity ? u.validity.status : u.repealed ? 'repealed' : undefined;
  const parts: El[] = [x('num', {}, t(unitLabel(u)))];
  if (u.heading !== null) parts.push(x('heading', {}, u.heading ? t(u.heading) : null));
  if (u.children.length === 0) parts.push(x('content', {}, ...paragraphs(ctx, u.text, notes)));
  else {
    if (u.text !== '' || notes.length > 0) parts.push(x('intro', {}, ...paragraphs(ctx, u.text, notes)));
    for (const c of u.children) parts.push(unitElement(ctx, c));
  }
  return x(tag, { eId: u.eId, name, class: cls }, ...parts);
}

/** The events of the document's life up to the version's date (all of them for the original text). */
interface LifeEvent {
  eId: string;
  date: string;
  source: string;
  type: 'generation' | 'amendment' | 'repeal';
  refersTo?: string;
}

const refId = (prefix: string, workId: string) => `${prefix}-${slug(workId)}`;

function lifeEvents(ctx: Ctx): { events: LifeEvent[]; amendmentEvent: Map<string, string> } {
  const { work, at } = ctx.input;
  const inVersion = (d: string | null): d is string => !!d && (!at || d <= at);
  const events: LifeEvent[] = [];
  if (work.issued) events.push({ eId: 'evt_issue', date: work.issued, source: '#original', type: 'generation', refersTo: '#ev-issue' });
  if (inVersion(work.effective))
    events.push({ eId: 'evt_commencement', date: work.effective, source: '#original', type: 'generation', refersTo: '#ev-commencement' });
  // One amendment event per amending document and date.
  const amendmentEvent = new Map<string, string>();
  // Each names its source among the references (passiveRef): a source without a URI has no event.
  const named = (workId: string, number: string | null) => otherDoc(ctx, workId, number) !== null;
  for (const e of passiveOf(ctx.input)) {
    const key = `${e.source.workId}|${e.effectiveFrom}`;
    if (!inVersion(e.effectiveFrom) || amendmentEvent.has(key) || !named(e.source.workId, e.source.number)) continue;
    const eId = `evt_amd_${amendmentEvent.size + 1}`;
    amendmentEvent.set(key, eId);
    events.push({ eId, date: e.effectiveFrom, source: `#${refId('pas', e.source.workId)}`, type: 'amendment' });
  }
  // A document that ends this one as a whole.
  const seen = new Set<string>();
  for (const r of ctx.input.relations.incoming) {
    const key = `${r.source.workId}|${r.effectiveFrom}`;
    if (!RELATIONS[r.type]?.ends || r.target.eId || !inVersion(r.effectiveFrom) || seen.has(key) || !named(r.source.workId, r.source.number)) continue;
    seen.add(key);
    events.push({ eId: `evt_end_${seen.size}`, date: r.effectiveFrom, source: `#${refId('pas', r.source.workId)}`, type: 'repeal' });
  }
  events.sort((a, b) => a.date.localeCompare(b.date));
  return { events, amendmentEvent };
}

/** The effects on this document the version carries: all known for the original text, those dated up to `at` else. */
function passiveOf(input: AknInput): Effect[] {
  return input.passiveEffects.filter((e) => e.source.workId !== input.work.id && (!input.at || (!!e.effectiveFrom && e.effectiveFrom <= input.at)));
}

/** The project's own words for an effect, as attributes in its namespace. */
function effectAttrs(e: Effect): Attrs {
  return {
    'csdl:operation': e.operation,
    'csdl:effectiveFrom': e.effectiveFrom,
    'csdl:old': e.payload.phrase,
    'csdl:new': e.payload.replacement ?? e.payload.heading,
  };
}

function modification(eId: string, e: Effect, source: string, destination: string, period?: string): El {
  const m = MODIFICATION[e.operation];
  return x(m.tag, { eId, type: m.type, period, ...effectAttrs(e) }, x('source', { href: source }), x('destination', { href: destination }));
}

function analysis(ctx: Ctx, amendmentEvent: Map<string, string>): El | null {
  const { input } = ctx;
  const active = input.activeEffects.filter((e) => e.source.workId === input.work.id);
  const activeMods = active.flatMap((e, i) => {
    const target = otherDoc(ctx, e.target.workId, e.target.number)?.uri;
    if (!target) return [];
    return [modification(`amod_${i + 1}`, e, `#${e.source.eId}`, e.target.eId ? `${target}/~${e.target.eId}` : target)];
  });
  const passiveMods = passiveOf(input).flatMap((e, i) => {
    const source = otherDoc(ctx, e.source.workId, e.source.number)?.uri;
    if (!source) return [];
    const event = amendmentEvent.get(`${e.source.workId}|${e.effectiveFrom}`);
    const destination = e.target.eId ? `#${e.target.eId}` : ctx.uris.work;
    return [modification(`pmod_${i + 1}`, e, `${source}/~${e.source.eId}`, destination, event ? `#tg_${event}` : undefined)];
  });
  if (activeMods.length === 0 && passiveMods.length === 0) return null;
  return x(
    'analysis',
    { source: '#csdl' },
    activeMods.length ? x('activeModifications', {}, ...activeMods) : null,
    passiveMods.length ? x('passiveModifications', {}, ...passiveMods) : null,
  );
}

/** Organisations, people, roles, events and the documents this one names, each once. */
function references(ctx: Ctx): El {
  const { work } = ctx.input;
  const items: El[] = [];
  const ids = new Set<string>();
  const add = (el: El) => {
    const eId = el.a.find(([k]) => k === 'eId')?.[1] as string;
    if (ids.has(eId)) return;
    ids.add(eId);
    items.push(el);
  };
  add(x('original', { eId: 'original', href: aknUris(work).expression, showAs: work.number ?? work.title ?? work.id }));
  const other = (prefix: string, tag: string, workId: string | null, number: string | null, date: string | null, extra: Attrs = {}) => {
    const doc = otherDoc(ctx, workId, number, date);
    if (!doc) return;
    const o = ctx.byId.get(doc.workId);
    add(
      x(tag, {
        eId: refId(prefix, doc.workId),
        href: doc.uri,
        showAs: nameOf({ workId: doc.workId, number: number ?? o?.number ?? null, title: o?.title }),
        ...extra,
      }),
    );
  };
  for (const e of passiveOf(ctx.input)) other('pas', 'passiveRef', e.source.workId, e.source.number, null);
  for (const r of ctx.input.relations.incoming) if (modifies(r)) other('pas', 'passiveRef', r.source.workId, r.source.number, null);
  for (const e of ctx.input.activeEffects) if (e.source.workId === work.id) other('act', 'activeRef', e.target.workId, e.target.number, null);
  for (const r of ctx.input.relations.outgoing) {
    if (modifies(r)) other('act', 'activeRef', r.target.workId, r.target.number, r.target.date);
    else other(r.type, 'TLCReference', r.target.workId, r.target.number, r.target.date, { name: r.type });
  }
  add(x('TLCOrganization', { eId: 'csdl', href: `/akn/ontology/organizations/${AKN_COUNTRY}/csdlqg`, showAs: 'Cơ sở dữ liệu quốc gia về pháp luật' }));
  for (const i of issuersOf(work)) add(x('TLCOrganization', { eId: i.eId, href: `/akn/ontology/organizations/${AKN_COUNTRY}/${i.slug}`, showAs: i.name }));
  if (work.signer) {
    add(x('TLCPerson', { eId: signerIds(work).person, href: `/akn/ontology/persons/${AKN_COUNTRY}/${slug(work.signer.name)}`, showAs: work.signer.name }));
    if (work.signer.capacity)
      add(x('TLCRole', { eId: signerIds(work).role, href: `/akn/ontology/roles/${AKN_COUNTRY}/${slug(work.signer.capacity)}`, showAs: work.signer.capacity }));
  }
  if (work.place) add(x('TLCLocation', { eId: 'place', href: `/akn/ontology/locations/${AKN_COUNTRY}/${slug(work.place)}`, showAs: work.place }));
  add(x('TLCEvent', { eId: 'ev-issue', href: `/akn/ontology/events/${AKN_COUNTRY}/issue`, showAs: 'Ban hành' }));
  add(x('TLCEvent', { eId: 'ev-commencement', href: `/akn/ontology/events/${AKN_COUNTRY}/commencement`, showAs: 'Có hiệu lực' }));
  add(x('TLCConcept', { eId: 'inForce', href: `/akn/ontology/concepts/${AKN_COUNTRY}/inForce`, showAs: 'Có hiệu lực' }));
  return x('references', { source: '#csdl' }, ...items);
}

/** The issuers as organisations (their eId, slug and name as printed); none known: one "not determined". */
function issuersOf(work: Work): { eId: string; slug: string; name: string }[] {
  const out = new Map<string, { eId: string; slug: string; name: string }>();
  for (const name of work.issuers.map((i) => i.trim()).filter(Boolean)) {
    const s = slug(name);
    if (!out.has(s)) out.set(s, { eId: `org-${s}`, slug: s, name });
  }
  if (out.size === 0) out.set('unknown', { eId: 'org-unknown', slug: 'unknown', name: 'Chưa xác định' });
  return [...out.values()];
}

const signerIds = (work: Work) => ({ person: `person-${slug(work.signer?.name ?? '')}`, role: `role-${slug(work.signer?.capacity ?? '')}` });

function identification(ctx: Ctx): El {
  const { work, at } = ctx.input;
  const u = ctx.uris;
  const authors = issuersOf(work).map((i) => x('FRBRauthor', { href: `#${i.eId}` }));
  return x(
    'identification',
    { source: '#csdl' },
    x(
      'FRBRWork',
      {},
      x('FRBRthis', { value: u.workThis }),
      x('FRBRuri', { value: u.work }),
      x('FRBRalias', { name: 'csdl', value: work.id }),
      x('FRBRdate', { date: u.workDate.date, name: u.workDate.name }),
      work.effective && u.workDate.name !== 'effective' ? x('FRBRdate', { date: work.effective, name: 'effective' }) : null,
      ...authors,
      x('FRBRcountry', { value: AKN_COUNTRY }),
      x('FRBRsubtype', { value: work.type }),
      work.number ? x('FRBRnumber', { value: work.number }) : null,
      x('FRBRname', { value: DOCUMENT_TYPE_LABELS[work.type] }),
      x('FRBRprescriptive', { value: 'true' }),
    ),
    x(
      'FRBRExpression',
      {},
      x('FRBRthis', { value: u.expressionThis }),
      x('FRBRuri', { value: u.expression }),
      x('FRBRdate', { date: u.version, name: at ? 'version' : u.workDate.name }),
      ...(at ? [x('FRBRauthor', { href: '#csdl' })] : authors),
      // A version the database consolidated is not the official text.
      at ? x('FRBRauthoritative', { value: 'false' }) : null,
      x('FRBRlanguage', { language: AKN_LANGUAGE }),
    ),
    x(
      'FRBRManifestation',
      {},
      x('FRBRthis', { value: u.manifestation }),
      x('FRBRuri', { value: u.manifestationUri }),
      // Made from the database's record of the work as last updated.
      x('FRBRdate', { date: work.updatedAt, name: 'updated' }),
      x('FRBRauthor', { href: '#csdl' }),
      x('FRBRformat', { value: AKN_FORMAT }),
    ),
  );
}

function proprietary(ctx: Ctx): El {
  const { work, validity, unapplied, at } = ctx.input;
  return x(
    'proprietary',
    { source: '#csdl' },
    x(
      'csdl:document',
      { id: work.id, type: work.type, scope: work.scope },
      work.number ? x('csdl:number', {}, t(work.number)) : null,
      work.title ? x('csdl:title', {}, t(work.title)) : null,
      x('csdl:dates', { issued: work.issued, effective: work.effective, workDate: ctx.uris.workDate.date, workDateIs: ctx.uris.workDate.name }),
      work.place ? x('csdl:place', {}, t(work.place)) : null,
      validity
        ? x(
            'csdl:validity',
            { at, status: validity.status, label: validity.label, since: validity.since },
            ...validity.reasons.map((r) =>
              x('csdl:ground', { code: r.code, date: r.date, workId: r.workId, number: r.number, eId: r.eId, sourceEId: r.sourceEId }, t(r.message)),
            ),
          )
        : null,
      ...(unapplied ?? []).map((n) => x('csdl:unapplied', { effect: n.effectId, target: n.targetEId }, t(n.reason))),
    ),
  );
}

function temporalData(events: LifeEvent[]): El | null {
  const starts = events.filter((e) => e.eId === 'evt_commencement' || e.type === 'amendment');
  if (starts.length === 0) return null;
  return x(
    'temporalData',
    { source: '#csdl' },
    ...starts.map((e) => x('temporalGroup', { eId: `tg_${e.eId}` }, x('timeInterval', { start: `#${e.eId}`, refersTo: '#inForce' }))),
  );
}

function preface(work: Work): El {
  const date = work.issued
    ? x(
        'p',
        { class: 'date' },
        ...(work.place ? [x('location', { refersTo: '#place' }, t(work.place)), t(', ')] : []),
        x('docDate', { date: work.issued }, t(`ngày ${vietnameseDate(work.issued)}`)),
      )
    : null;
  return x(
    'preface',
    {},
    ...issuersOf(work)
      .filter((i) => i.slug !== 'unknown')
      .map((i) => x('p', { class: 'issuer' }, x('docProponent', { refersTo: `#${i.eId}` }, t(i.name)))),
    work.number ? x('p', { class: 'number' }, t('Số: '), x('docNumber', {}, t(work.number))) : null,
    date,
    x('p', { class: 'type' }, x('docType', {}, t(DOCUMENT_TYPE_LABELS[work.type]))),
    work.title ? x('longTitle', {}, x('p', {}, x('docTitle', {}, t(work.title)))) : null,
  );
}

function preamble(ctx: Ctx): El | null {
  const bases = ctx.input.work.legalBases.filter((b) => b.text.trim());
  if (bases.length === 0) return null;
  return x(
    'preamble',
    {},
    x(
      'citations',
      {},
      ...bases.map((b) => {
        const href = b.number ? hrefOfCitation(ctx, b.number, b.date) : null;
        return x('citation', {}, x('p', {}, t('Căn cứ '), href ? x('ref', { href }, t(b.text)) : t(b.text)));
      }),
    ),
  );
}

function conclusions(work: Work): El | null {
  const s = work.signer;
  if (!s?.name) return null;
  const ids = signerIds(work);
  return x(
    'conclusions',
    {},
    x(
      'p',
      { class: 'signature' },
      x(
        'signature',
        {},
        ...(s.capacity ? [x('role', { refersTo: `#${ids.role}` }, t(s.capacity)), t(' ')] : []),
        x('person', { refersTo: `#${ids.person}` }, t(s.name)),
      ),
    ),
  );
}

/** The document (or its version at `at`) as an Akoma Ntoso 3.0 XML string. */
export function toAkomaNtoso(input: AknInput): string {
  const ctx = contextOf(input);
  const { events, amendmentEvent } = lifeEvents(ctx);
  // In document order: a document cited with its date is known by it further on.
  const citations = preamble(ctx);
  const body = input.units.length
    ? input.units.map((u) => unitElement(ctx, u))
    : // The body needs one element: a document whose text has no units says so.
      [x('hcontainer', { eId: 'hcontainer_1', name: 'noUnits' }, x('content', {}, x('p')))];
  const meta = x(
    'meta',
    {},
    identification(ctx),
    events.length
      ? x(
          'lifecycle',
          { source: '#csdl' },
          ...events.map((e) => x('eventRef', { eId: e.eId, date: e.date, source: e.source, type: e.type, refersTo: e.refersTo })),
        )
      : null,
    analysis(ctx, amendmentEvent),
    temporalData(events),
    references(ctx),
    proprietary(ctx),
  );
  const root = x(
    'akomaNtoso',
    { xmlns: AKN_NAMESPACE, 'xmlns:csdl': CSDL_NAMESPACE },
    x(
      'act',
      { name: input.work.type, contains: input.at ? 'singleVersion' : 'originalVersion' },
      meta,
      preface(input.work),
      citations,
      x('body', {}, ...body),
      conclusions(input.work),
    ),
  );
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, 0, out);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The way back

const KIND_OF_TAG: Record<string, UnitKind> = {
  part: 'part',
  chapter: 'chapter',
  section: 'section',
  subsection: 'subsection',
  article: 'article',
  paragraph: 'clause',
  point: 'point',
};
const HCONTAINER_KINDS: Record<string, UnitKind> = { attachment: 'attachment', appendix: 'appendix' };

/** The printed label back to the number: what unitLabel adds, taken off (`Điều 5.` → `5`, `a)` → `a`). */
function numOfLabel(kind: UnitKind, label: string): string {
  const m =
    kind === 'article'
      ? /^Điều ([\s\S]*)\.$/u.exec(label)
      : kind === 'clause'
        ? /^([\s\S]*)\.$/u.exec(label)
        : kind === 'point'
          ? /^([\s\S]*)\)$/u.exec(label)
          : kind === 'chapter'
            ? /^Chương ([\s\S]*)$/u.exec(label)
            : kind === 'part'
              ? /^Phần ([\s\S]*)$/u.exec(label)
              : kind === 'section'
                ? /^Mục ([\s\S]*)$/u.exec(label)
                : null;
  return m ? (m[1] as string) : label;
}

export interface AknRead {
  units: Unit[];
  /** The FRBR URIs the document states (FRBRuri of the work and the expression, FRBRthis of the manifestation). */
  frbr: { work: string | null; expression: string | null; manifestation: string | null };
}

/**
 * The body of an Akoma Ntoso document back into units (kind, num, eId, heading, text, children): the hierarchy
 * elements this module writes (and hcontainers named attachment or appendix); authorial notes are not text.
 */
export function fromAkomaNtoso(xml: string): AknRead {
  const roots: Unit[] = [];
  const frbr: AknRead['frbr'] = { work: null, expression: null, manifestation: null };
  const path: string[] = [];
  /** The open units with the depth of their element. */
  const units: { unit: Unit; depth: number; lines: string[] | null }[] = [];
  let capture: { into: 'num' | 'heading' | 'line'; buf: string } | null = null;
  let noteDepth = 0;
  let sawRoot = false;
  const top = () => units[units.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = path[path.length - 1];
        path.push(name);
        const depth = path.length;
        if (depth === 1) sawRoot = name === 'akomaNtoso';
        if (name === 'FRBRuri' && parent === 'FRBRWork') frbr.work = attrs.value ?? null;
        if (name === 'FRBRuri' && parent === 'FRBRExpression') frbr.expression = attrs.value ?? null;
        if (name === 'FRBRthis' && parent === 'FRBRManifestation') frbr.manifestation = attrs.value ?? null;
        if (!path.includes('body')) return;
        if (name === 'authorialNote') noteDepth++;
        if (noteDepth > 0) return;
        const kind = name === 'hcontainer' ? HCONTAINER_KINDS[attrs.name ?? ''] : KIND_OF_TAG[name];
        const u = top();
        if (kind) {
          units.push({ unit: { kind, num: '', eId: attrs.eId ?? '', heading: null, text: '', children: [] }, depth, lines: null });
          return;
        }
        if (!u) return;
        if ((name === 'num' || name === 'heading') && depth === u.depth + 1) capture = { into: name, buf: '' };
        else if ((name === 'intro' || name === 'content') && depth === u.depth + 1) u.lines = [];
        else if (name === 'p' && u.lines && depth === u.depth + 2 && (path[depth - 2] === 'intro' || path[depth - 2] === 'content'))
          capture = { into: 'line', buf: '' };
      },
      ontext(text) {
        if (capture && noteDepth === 0) capture.buf += text;
      },
      onclosetag(name) {
        const depth = path.length;
        path.pop();
        if (name === 'authorialNote' && noteDepth > 0) {
          noteDepth--;
          return;
        }
        if (noteDepth > 0) return;
        const u = top();
        if (!u) return;
        if (capture && name === 'num' && depth === u.depth + 1 && capture.into === 'num') {
          u.unit.num = numOfLabel(u.unit.kind, capture.buf);
          capture = null;
        } else if (capture && name === 'heading' && depth === u.depth + 1 && capture.into === 'heading') {
          u.unit.heading = capture.buf;
          capture = null;
        } else if (capture && name === 'p' && capture.into === 'line' && depth === u.depth + 2) {
          u.lines?.push(capture.buf);
          capture = null;
        } else if ((name === 'intro' || name === 'content') && depth === u.depth + 1) {
          u.unit.text = (u.lines ?? []).join('\n');
          u.lines = null;
        } else if (depth === u.depth) {
          units.pop();
          const parentUnit = top();
          (parentUnit ? parentUnit.unit.children : roots).push(u.unit);
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (!sawRoot) throw new DomainError('validation', 'Not an Akoma Ntoso document: the root element is not <akomaNtoso>');
  return { units: roots, frbr };
}
