/** Domain records → API shapes (schemas/). */
import { DOCUMENT_TYPE_LABELS, type Work } from '../../domain/model';

export function presentDocument(work: Work) {
  // Reviewers' edits are shown with the relations and the history, not with the document's facts.
  const { reviews: _reviews, ...rest } = work;
  return { ...rest, typeLabel: DOCUMENT_TYPE_LABELS[work.type] };
}
