/** eIds (docs/adr/0002-ids-and-eids.md): path-like, ASCII-safe, from the article down. */
import type { UnitKind } from './model';
import { asciiKeepCase } from './text/normalize';

/** `đ` → `dd` (point đ must not collide with point d); other letters folded; anything else dropped. */
export function eIdNum(num: string): string {
  return asciiKeepCase(num.replace(/đ/g, 'dd').replace(/Đ/g, 'DD'))
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24);
}

const PREFIX: Record<UnitKind, string> = {
  part: 'part',
  chapter: 'chp',
  section: 'sec',
  subsection: 'subsec',
  article: 'art',
  clause: 'para',
  point: 'point',
  attachment: 'att',
  appendix: 'app',
};

/** Chapter numbers keep their printed case (`chp_II`); everything else is lower case (`art_6a`, `point_dd`). */
export function eIdPart(kind: UnitKind, num: string): string {
  const n = eIdNum(num);
  return `${PREFIX[kind]}_${kind === 'chapter' || kind === 'part' || kind === 'appendix' ? n : n.toLowerCase()}`;
}

/** A number as an eId carries it, back as printed: `dd` → `đ` (`point_dd` is point đ), `DD` → `Đ`. */
export function numOfEId(n: string): string {
  return n.replace(/DD/g, 'Đ').replace(/dd/g, 'đ');
}
