/** The Bộ pháp điển over the API: topics → headings → codified articles, and what has gone stale. */
import * as z from 'zod/mini';
import { isoDate } from './common';

export const TopicsResponse = z.object({
  topics: z.array(z.object({ number: z.int(), title: z.string(), headings: z.array(z.object({ id: z.string(), title: z.string(), articleCount: z.int() })) })),
});

export const HeadingParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(20), z.regex(/^\d{1,2}\.\d{1,3}$/)) });
export const HeadingQuery = z.object({ at: z.optional(isoDate) });
export const ArticleParams = z.object({ code: z.string().check(z.minLength(3), z.maxLength(60)) });

export const CodifiedArticle = z.object({
  code: z.string(),
  heading: z.string(),
  text: z.string(),
  path: z.array(z.string()),
  source: z.nullable(
    z.object({
      documentNumber: z.nullable(z.string()),
      documentId: z.nullable(z.string()),
      articleNum: z.nullable(z.string()),
      effective: z.nullable(z.string()),
      note: z.string(),
    }),
  ),
  notes: z.array(z.string()),
  crossReferences: z.array(z.object({ code: z.nullable(z.string()), text: z.string() })),
  /** Where the source document is in the database: the text comes from its consolidated version at `at`. */
  textFrom: z.optional(z.enum(['export', 'consolidated'])),
  /** The source unit has a version newer than the codified text (see /v1/codification/stale). */
  stale: z.optional(z.boolean()),
});

const Node = z.object({
  kind: z.string(),
  num: z.nullable(z.string()),
  label: z.string(),
  title: z.nullable(z.string()),
  anchor: z.nullable(z.string()),
  crossRefs: z.array(z.object({ code: z.nullable(z.string()), text: z.string() })),
  articles: z.array(z.string()),
  get children() {
    return z.array(Node);
  },
});
z.globalRegistry.add(Node, { id: 'CodifiedNode' });

export const HeadingResponse = z.object({
  id: z.string(),
  topic: z.int(),
  title: z.string(),
  at: z.nullable(z.string()),
  nodes: z.array(Node),
  articles: z.array(CodifiedArticle),
});

export const ArticleResponse = z.object({ articles: z.array(z.extend(CodifiedArticle, { headingId: z.string(), headingTitle: z.nullable(z.string()) })) });

export const StaleResponse = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      headingId: z.string(),
      documentId: z.string(),
      documentNumber: z.nullable(z.string()),
      articleNum: z.nullable(z.string()),
      /** The date the codified text is from (its source note), and the newer change. */
      codifiedFrom: z.nullable(z.string()),
      changedFrom: z.string(),
      effect: z.object({ id: z.string(), operation: z.string(), sourceWorkId: z.string(), sourceNumber: z.nullable(z.string()), target: z.string() }),
      /** The amendments the Code's notes say the article already carries (never the cause of a flag), each with the note's words. */
      incorporates: z.array(
        z.object({
          documentNumber: z.string(),
          units: z.nullable(z.string()),
          target: z.nullable(z.string()),
          effective: z.nullable(z.string()),
          from: z.enum(['source_note', 'note']),
          ground: z.string(),
        }),
      ),
    }),
  ),
});
