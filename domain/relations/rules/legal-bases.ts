/**
 * The legal bases (căn cứ lines: legal_basis), and what the document details or guides ("Nghị định này quy định chi
 * tiết ...", "Thông tư này hướng dẫn ..."), said in the title or Article 1 before any numbered reference (after one,
 * the words describe the document referred to: "sửa đổi Thông tư số ... hướng dẫn ...").
 */
import type { RelationType } from '../types';
import { fold } from '../../text/normalize';
import { cut, firstArticle, lineOf, nameOf } from '../context';
import { locateRefs } from '../locate';
import type { DocumentRule } from './types';

export const legalBases: DocumentRule = {
  name: 'legal-bases',
  run(ctx) {
    if (ctx.isVbhn) return;
    const { work, parsed } = ctx;
    const bases = parsed.metadata.legalBases;
    for (const b of bases)
      ctx.add({ type: 'legal_basis', target: ctx.targetOf(b), effectiveFrom: work.effective, evidence: { line: lineOf(parsed, b.text), text: cut(b.text) } });
    const art1 = firstArticle(parsed.units);
    const scopes = [
      { text: ctx.title, line: 1, eId: undefined as string | undefined },
      ...(art1 ? [{ text: `${art1.heading ?? ''} ${art1.text}`.slice(0, 800), line: art1.line, eId: art1.eId as string | undefined }] : []),
    ];
    let dm: RegExpExecArray | null = null;
    let scope = scopes[0];
    for (const sc of scopes) {
      const m = /(quy định chi tiết|hướng dẫn(?: thi hành)?)(?![\p{L}])([\s\S]{0,400})/iu.exec(sc.text);
      if (m && locateRefs(sc.text.slice(0, m.index)).length === 0) {
        dm = m;
        scope = sc;
        break;
      }
    }
    if (!dm || !scope) return;
    const type: RelationType = /chi tiết/iu.test(dm[0]) ? 'details' : 'guides';
    const rest = dm[2] as string;
    const restFolded = fold(rest);
    const evidence = { ...(scope.eId ? { eId: scope.eId } : {}), line: scope.line, text: cut(dm[0]) };
    for (const lr of locateRefs(rest)) if (!ctx.isSelf(lr.ref)) ctx.add({ type, target: ctx.targetOf(lr.ref), effectiveFrom: work.effective, evidence });
    // A legal basis named (by its type and name, without its number) after the words.
    for (const b of bases) {
      const name = nameOf(b.text);
      const typeWord = fold(
        b.text
          .split(/\s+/u)
          .slice(0, b.type === 'bo_luat' || b.type === 'thong_tu' ? 2 : 1)
          .join(' '),
      );
      if (name.split(' ').length >= 2 && restFolded.includes(`${typeWord} ${name}`))
        ctx.add({ type, target: ctx.targetOf(b), effectiveFrom: work.effective, evidence });
    }
  },
};
