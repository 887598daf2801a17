/**
 * Units back to plain text the parser reads again (Điều N. heading / N. clause / a) point / Chương with its title
 * on the next line): how a drafting team's next version is produced from a consolidated or edited tree.
 */
import type { Unit } from '../model';

const CONTAINER_WORDS: Partial<Record<Unit['kind'], string>> = { part: 'Phần', chapter: 'Chương', section: 'Mục', subsection: 'Tiểu mục' };

export function unitsToText(units: Unit[]): string {
  const out: string[] = [];
  const walk = (list: Unit[]) => {
    for (const u of list) {
      const word = CONTAINER_WORDS[u.kind];
      if (word) {
        out.push(`${word} ${u.num}`);
        if (u.heading) out.push(u.heading);
        if (u.text) out.push(u.text);
      } else if (u.kind === 'article') {
        out.push(`Điều ${u.num}. ${u.heading ?? ''}`.trimEnd());
        if (u.text) out.push(u.text);
      } else if (u.kind === 'clause') out.push(`${u.num}. ${u.text}`);
      else if (u.kind === 'point') out.push(`${u.num}) ${u.text}`);
      else {
        out.push(u.heading ? `${u.num} ${u.heading}` : u.num);
        if (u.text) out.push(u.text);
      }
      walk(u.children);
    }
  };
  walk(units);
  return out.join('\n');
}

/** Renumbers articles in document order from 1 (after an insertion), rewriting the eIds below them. */
export function renumberArticles(units: Unit[]): Unit[] {
  let n = 0;
  const rebase = (u: Unit, from: string, to: string): Unit => ({
    ...u,
    eId: u.eId.startsWith(from) ? to + u.eId.slice(from.length) : u.eId,
    children: u.children.map((c) => rebase(c, from, to)),
  });
  const walk = (list: Unit[]): Unit[] =>
    list.map((u) => {
      if (u.kind !== 'article') return { ...u, children: walk(u.children) };
      n++;
      return { ...rebase(u, u.eId, `art_${n}`), num: String(n) };
    });
  return walk(units);
}
