/**
 * Lists the web pages keep by hand because web/ may not import the server side (its README): each must stay equal to
 * the domain's. The schemas read the domain's tables (document types, relation types); what they accept is checked
 * here too.
 */
import { DOCUMENT_TYPE_LABELS } from '../../domain/model';
import { RELATION_TYPES } from '../../domain/relations/types';
import { METADATA_FIELDS } from '../../domain/services/quality';
import { STATUS_LABELS } from '../../domain/status/engine';
import { AddRelationRequest } from '../../schemas/history';
import { MetadataField } from '../../schemas/quality';
// @ts-expect-error web/ is plain JavaScript for the browser, without type declarations
import * as web from '../../web/common.js';

it("the reviewers' relation edit accepts exactly the domain's relation types", () => {
  const relation = (AddRelationRequest.def.shape.relation as unknown as { def: { shape: { type: { def: { innerType: { options: string[] } } } } } }).def.shape
    .type.def.innerType;
  expect([...relation.options].sort()).toEqual([...RELATION_TYPES].sort());
});

it("the web pages' status labels are the domain's, and their document types the domain's types", () => {
  const labels = web as unknown as { STATUS_LABELS: Record<string, string>; TYPE_LABELS: Record<string, string> };
  expect(labels.STATUS_LABELS).toEqual(STATUS_LABELS);
  // Same types and names; the web says "Loại khác" (another type) where the domain says "Chưa xác định".
  expect({ ...labels.TYPE_LABELS, unknown: DOCUMENT_TYPE_LABELS.unknown }).toEqual(DOCUMENT_TYPE_LABELS);
});

it("the quality report's metadata fields: the response schema's and the web page's labels are the domain's", () => {
  expect(MetadataField.options).toEqual([...METADATA_FIELDS]);
  expect(Object.keys((web as unknown as { METADATA_LABELS: Record<string, string> }).METADATA_LABELS)).toEqual([...METADATA_FIELDS]);
});
