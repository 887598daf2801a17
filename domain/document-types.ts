/**
 * The types of legal documents, in one registry. Every list of type names reads it: the type words of a title block
 * and the symbol in a number (parse/metadata), the types a citation names (parse/references), the type words of the
 * Bộ pháp điển's notes and the source-type letters of its codes (codify/notes, codify/code), the order of the system
 * of legal documents (systematize), the labels (model, API, CLI) and the schemas' enum. Adding a type is one entry
 * here and its parser test; the web page's labels (web/common.js) are checked against it by test/unit/copied-lists.test.ts.
 *
 * Plain data: imports nothing.
 */

export interface DocumentTypeEntry {
  /** Its name, as printed in running text ("Thông tư liên tịch"): the label everywhere, and what a citation names. */
  label: string;
  /** Other ways a citation or a codification note prints it ("Thông tư số liên tịch"). */
  alsoPrinted?: string[];
  /** The symbol its numbers carry (`/TTLT-`, `/L-CTN`); none when several types share one. */
  symbol?: RegExp;
  /** The Bộ pháp điển's source-type letters for it in article codes (`LQ` for laws, codes and the Constitution). */
  codificationCode?: string;
  /** Its title is a name ("Luật Doanh nghiệp") rather than a phrase continuing the type word ("Thông tư hướng dẫn …"). */
  named?: boolean;
}

/**
 * In the order of the system of legal documents (the Constitution first): the order of systematization lists.
 * `unknown` stays last.
 */
export const DOCUMENT_TYPE_REGISTRY = {
  hien_phap: { label: 'Hiến pháp', codificationCode: 'LQ', named: true },
  bo_luat: { label: 'Bộ luật', codificationCode: 'LQ', named: true },
  luat: { label: 'Luật', codificationCode: 'LQ', named: true },
  nghi_quyet: { label: 'Nghị quyết', symbol: /\/NQ-|\/UBTVQH\d+$/, codificationCode: 'NQ' },
  phap_lenh: { label: 'Pháp lệnh', symbol: /\/PL-/, codificationCode: 'PL', named: true },
  lenh: { label: 'Lệnh', symbol: /\/L-CTN$/ },
  sac_lenh: { label: 'Sắc lệnh', codificationCode: 'SL' },
  nghi_dinh: { label: 'Nghị định', symbol: /\/NĐ-/, codificationCode: 'NĐ' },
  nghi_quyet_lien_tich: { label: 'Nghị quyết liên tịch', symbol: /\/NQLT-/, codificationCode: 'NL' },
  quyet_dinh: { label: 'Quyết định', symbol: /\/QĐ-/, codificationCode: 'QĐ' },
  chi_thi: { label: 'Chỉ thị', symbol: /\/CT-/, codificationCode: 'CT' },
  thong_tu: { label: 'Thông tư', symbol: /\/TT-/, codificationCode: 'TT' },
  thong_tu_lien_tich: { label: 'Thông tư liên tịch', alsoPrinted: ['Thông tư số liên tịch'], symbol: /\/TTLT-/, codificationCode: 'TL' },
  thong_tu_lien_bo: { label: 'Thông tư liên bộ', alsoPrinted: ['Thông tư liên Bộ'], symbol: /\/TT-?LB\b/ },
  van_ban_hop_nhat: { label: 'Văn bản hợp nhất', symbol: /\/VBHN-/ },
  unknown: { label: 'Chưa xác định' },
} as const satisfies Record<string, DocumentTypeEntry>;

export type DocumentType = keyof typeof DOCUMENT_TYPE_REGISTRY;

/** Every type's code, in the registry's order. */
export const DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPE_REGISTRY) as DocumentType[];

const entry = (t: DocumentType): DocumentTypeEntry => DOCUMENT_TYPE_REGISTRY[t];

export const DOCUMENT_TYPE_LABELS = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, entry(t).label])) as Record<DocumentType, string>;

/** The types a text can name (all but `unknown`). */
const NAMED_TYPES = DOCUMENT_TYPES.filter((t) => t !== 'unknown');

/**
 * Each way a type is printed in running text (its label, then its other forms) with its type, longest first: an
 * alternation or a prefix match then takes "Nghị quyết liên tịch" before "Nghị quyết", "Bộ luật" before "Luật".
 */
export const PRINTED_TYPES: readonly [string, DocumentType][] = NAMED_TYPES.flatMap((t) =>
  [entry(t).label, ...(entry(t).alsoPrinted ?? [])].map((p): [string, DocumentType] => [p, t]),
).sort((a, b) => b[0].length - a[0].length);

/** PRINTED_TYPES as a regex alternation (the names hold no regex syntax), longest first. */
export const PRINTED_ALT = PRINTED_TYPES.map(([w]) => w).join('|');

/**
 * The type a number's symbol says (`09/2022/TT-BLĐTBXH` → thong_tu), or null; the longest symbol found wins
 * (`24/TT-LB` is a Thông tư liên bộ, not a Thông tư).
 */
export function typeFromSymbol(number: string): DocumentType | null {
  let best: { type: DocumentType; length: number } | null = null;
  for (const t of NAMED_TYPES) {
    const m = entry(t).symbol?.exec(number);
    if (m && (!best || m[0].length > best.length)) best = { type: t, length: m[0].length };
  }
  return best?.type ?? null;
}

/** The Bộ pháp điển's source-type letters and the types each stands for (the first is its own). */
export const CODIFICATION_CODES: ReadonlyMap<string, readonly DocumentType[]> = NAMED_TYPES.reduce((m, t) => {
  const code = entry(t).codificationCode;
  if (code) m.set(code, [...(m.get(code) ?? []), t]);
  return m;
}, new Map<string, DocumentType[]>());

/** The place of a type in the system of legal documents, 0 (the Constitution) to 1 (`unknown`). */
export function typeRank(type: string): number {
  const at = DOCUMENT_TYPES.indexOf(type as DocumentType);
  return (at < 0 ? DOCUMENT_TYPES.length - 1 : at) / (DOCUMENT_TYPES.length - 1);
}

/** Whether a type's title is a name ("Luật Doanh nghiệp"). */
export const isNamedType = (type: DocumentType): boolean => entry(type).named === true;
