/**
 * The rules of the relation extractor, in the order they run (like lint/rules): the document rules before the body,
 * then each paragraph of the body through the paragraph rules (the first that reads it ends its turn), then the
 * document rules after the body. A new kind of instruction is one file here and its sentences in the tests.
 */
import { cites } from './cites';
import { consolidates } from './consolidates';
import { expiredList } from './expired-list';
import { expires } from './expires';
import { imperative } from './imperative';
import { interprets } from './interprets';
import { legalBases } from './legal-bases';
import { listItem } from './list-item';
import { passive } from './passive';
import { thisReplaces } from './this-replaces';
import type { DocumentRule, ParagraphRule } from './types';
import { undated } from './undated';
import { wholeAmends } from './whole-amends';

export const BEFORE_BODY: readonly DocumentRule[] = [consolidates, legalBases, expiredList];
export const PARAGRAPH_RULES: readonly ParagraphRule[] = [expires, imperative, thisReplaces, passive, listItem];
export const AFTER_BODY: readonly DocumentRule[] = [wholeAmends, interprets, cites, undated];
