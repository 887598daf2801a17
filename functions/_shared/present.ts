/** Domain records → API shapes (schemas/). */
import { eliOf } from '../../domain/eli';
import { DOCUMENT_TYPE_LABELS, type Work } from '../../domain/model';

export function presentDocument(work: Work) {
  // Reviewers' edits are shown with the relations and the history, not with the document's facts.
  const { reviews: _reviews, ...rest } = work;
  const base = `/v1/documents/${encodeURIComponent(work.id)}`;
  return {
    ...rest,
    typeLabel: DOCUMENT_TYPE_LABELS[work.type],
    eli: eliOf(work),
    sources: work.sources.map((s, i) => ({ ...s, url: `${base}/sources/${i + 1}` })),
  };
}
