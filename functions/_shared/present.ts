/** Domain records → API shapes (schemas/). */
import { DOCUMENT_TYPE_LABELS, type Work } from '../../domain/model';

export function presentDocument(work: Work) {
  return { ...work, typeLabel: DOCUMENT_TYPE_LABELS[work.type] };
}
