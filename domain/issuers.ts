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

/**
 * The province of a local document: from its issuer (`... TỈNH ĐỒNG THÁP`, `... THÀNH PHỐ HÀ NỘI`), else the
 * place it was signed. Null for central documents.
 */
export function provinceOf(work: { scope: string; issuers: string[]; place: string | null }): string | null {
  if (work.scope !== 'province') return null;
  for (const issuer of work.issuers) {
    const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(issuerLabel(issuer));
    if (m?.[1]) return m[1];
  }
  return work.place ? work.place.replace(/^(?:tỉnh|thành phố)\s+/iu, '') : null;
}
