/**
 * Issuing bodies as people write them. Heads print them in capitals (`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP`); lists,
 * filters and facets want the name as written in running text (`Ủy ban nhân dân tỉnh Đồng Tháp`), and one key that
 * every spelling of it shares.
 */
import { fold, normalizeText } from './text/normalize';

/** Words that start with a capital inside a body's name (proper nouns of ministries and agencies). */
const CAPITALISED_AFTER = /^(?:bộ|ban|ủy ban|uỷ ban|tổng cục|cục)$/u;

/** Site chrome or labels glued to the name by web renditions. */
const NOISE = [/^văn bản pháp luật khác\s+/iu, /\s*\|+\s*$/u];

/** Fixed names whose capitalisation no rule gives. */
const KNOWN: [RegExp, string][] = [
  [/^ủy ban thường vụ quốc hội$/u, 'Ủy ban Thường vụ Quốc hội'],
  [/^văn phòng quốc hội$/u, 'Văn phòng Quốc hội'],
  [/^văn phòng chính phủ$/u, 'Văn phòng Chính phủ'],
  [/^thủ tướng chính phủ$/u, 'Thủ tướng Chính phủ'],
  [/^quốc hội$/u, 'Quốc hội'],
  [/^chính phủ$/u, 'Chính phủ'],
  [/^chủ tịch nước$/u, 'Chủ tịch nước'],
  [/^ngân hàng nhà nước việt nam$/u, 'Ngân hàng Nhà nước Việt Nam'],
  [/^kiểm toán nhà nước$/u, 'Kiểm toán Nhà nước'],
];

const cap = (w: string) => (w ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w);

/** `BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI` → `Bộ Lao động - Thương binh và Xã hội`; mixed-case input is kept. */
export function issuerLabel(printed: string): string {
  let s = normalizeText(printed).replace(/\s+/g, ' ').trim();
  for (const re of NOISE) s = s.replace(re, '');
  if (s !== s.toLocaleUpperCase('vi')) return s;
  const lower = s.toLocaleLowerCase('vi');
  for (const [re, label] of KNOWN) if (re.test(lower)) return label;
  // Local bodies: `Hội đồng nhân dân` / `Ủy ban nhân dân` + `tỉnh|thành phố|huyện|quận|xã|phường` + a place name.
  const local = /^(.*?(?:nhân dân|chủ tịch))\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(.+)$/u.exec(lower);
  if (local?.[1] && local[2] && local[3]) return `${cap(local[1])} ${local[2]} ${local[3].split(' ').map(cap).join(' ')}`;
  // A ministry or agency: the first word of its name and of each part of it (after `-`, `,`, `và`) is capitalised.
  const words = lower.split(' ');
  const out: string[] = [];
  let capNext = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    out.push(capNext ? cap(w) : w);
    const two = `${w} ${words[i + 1] ?? ''}`;
    capNext = w === '-' || w === 'và' || w.endsWith(',') || (i === 0 && CAPITALISED_AFTER.test(w));
    if (i === 0 && CAPITALISED_AFTER.test(two)) {
      out.push(words[i + 1] ?? '');
      i++;
      capNext = true;
    }
  }
  return out.join(' ');
}

/** The key every spelling of an issuer or a place shares: folded, lower case, single spaces. */
export function nameKey(name: string): string {
  return fold(normalizeText(name))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The province a body's name holds (`ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ` → `Quảng Trị`), or null. */
export function provinceInName(issuer: string): string | null {
  return /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(issuerLabel(issuer))?.[1] ?? null;
}

/**
 * The province of a local document: from its issuer (`... TỈNH ĐỒNG THÁP`, `... THÀNH PHỐ HÀ NỘI`), else the
 * place it was signed. Null for central documents.
 */
export function provinceOf(work: { scope: string; issuers: string[]; place: string | null }): string | null {
  if (work.scope !== 'province') return null;
  for (const issuer of work.issuers) {
    const province = provinceInName(issuer);
    if (province) return province;
  }
  return work.place ? work.place.replace(/^(?:tỉnh|thành phố)\s+/iu, '') : null;
}

/**
 * The central bodies a document's number names in its symbol (`41/2024/QH15`, `08/2025/NQ-CP`, `112/2025/TT-BTC`,
 * `12/VBHN-BTC`): who issued it when the letterhead was not read. Local bodies (UBND, HĐND) are not here: their
 * name needs the province.
 */
const BODY_OF_CODE: [RegExp, string][] = [
  [/^UBTVQH\d*$/u, 'Ủy ban Thường vụ Quốc hội'],
  [/^QH\d*$/u, 'Quốc hội'],
  [/^HĐNN\d*$/u, 'Hội đồng Nhà nước'],
  [/^CP$/u, 'Chính phủ'],
  [/^TTg$/u, 'Thủ tướng Chính phủ'],
  [/^CTN$/u, 'Chủ tịch nước'],
  [/^VPQH$/u, 'Văn phòng Quốc hội'],
  [/^VPCP$/u, 'Văn phòng Chính phủ'],
  [/^BTC$/u, 'Bộ Tài chính'],
  [/^BLĐTBXH$/u, 'Bộ Lao động - Thương binh và Xã hội'],
  [/^BYT$/u, 'Bộ Y tế'],
  [/^BGDĐT$/u, 'Bộ Giáo dục và Đào tạo'],
  [/^BCA$/u, 'Bộ Công an'],
  [/^BQP$/u, 'Bộ Quốc phòng'],
  [/^BTP$/u, 'Bộ Tư pháp'],
  [/^BCT$/u, 'Bộ Công Thương'],
  [/^BXD$/u, 'Bộ Xây dựng'],
  [/^BGTVT$/u, 'Bộ Giao thông vận tải'],
  [/^BNNPTNT$/u, 'Bộ Nông nghiệp và Phát triển nông thôn'],
  [/^BNNMT$/u, 'Bộ Nông nghiệp và Môi trường'],
  [/^BTNMT$/u, 'Bộ Tài nguyên và Môi trường'],
  [/^BKHĐT$/u, 'Bộ Kế hoạch và Đầu tư'],
  [/^BNV$/u, 'Bộ Nội vụ'],
  [/^BNG$/u, 'Bộ Ngoại giao'],
  [/^BVHTTDL$/u, 'Bộ Văn hóa, Thể thao và Du lịch'],
  [/^BTTTT$/u, 'Bộ Thông tin và Truyền thông'],
  [/^BKHCN$/u, 'Bộ Khoa học và Công nghệ'],
  [/^BDTTG$/u, 'Bộ Dân tộc và Tôn giáo'],
  [/^UBDT$/u, 'Ủy ban Dân tộc'],
  [/^NHNN$/u, 'Ngân hàng Nhà nước Việt Nam'],
  [/^TANDTC$/u, 'Tòa án nhân dân tối cao'],
  [/^VKSNDTC$/u, 'Viện kiểm sát nhân dân tối cao'],
  [/^KTNN$/u, 'Kiểm toán Nhà nước'],
  [/^TTCP$/u, 'Thanh tra Chính phủ'],
];

/** The names of the central bodies, as written in running text (`Bộ Tài chính`). */
export const CENTRAL_BODIES: readonly string[] = BODY_OF_CODE.map(([, name]) => name);

/** The central bodies named by a number's symbol (after its type code: `TT-BTC` → Bộ Tài chính), in order. */
export function issuersOfNumber(number: string | null): string[] {
  const symbol =
    normalizeText(number ?? '')
      .split('/')
      .pop() ?? '';
  const codes = symbol.split('-').map((c) => c.trim());
  // `QH15`, `UBTVQH15`, `CTN` stand alone; `NQ-CP`, `TT-BTC`, `VBHN-BTC` start with the type's code.
  const named = codes.length > 1 ? codes.slice(1) : codes;
  const out: string[] = [];
  for (const code of named) {
    const body = BODY_OF_CODE.find(([re]) => re.test(code))?.[1];
    if (body && !out.includes(body)) out.push(body);
  }
  return out;
}
