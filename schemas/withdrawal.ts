/** Withdrawing a document ingested by mistake, and reinstating it (issue 22; domain/services/withdrawal.ts). */
import * as z from 'zod/mini';
import { ReviewParams } from './history';

export const WithdrawalParams = ReviewParams;
export const WithdrawalRequest = z.object({ reason: z.string().check(z.minLength(3), z.maxLength(2000)) });
export const WithdrawalResponse = z.object({
  documentId: z.string(),
  /** Who withdrew the document, when and why; null once reinstated. */
  withdrawn: z.nullable(z.object({ actor: z.string(), at: z.string(), reason: z.string() })),
  /** False when the document was already in that state (nothing written: the request is idempotent). */
  changed: z.boolean(),
});
