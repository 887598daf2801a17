/**
 * The table of relation types (domain/relations/types.ts RELATIONS): one row per type, read by the status engine and
 * the schemas; the meanings hang together.
 */
import { RELATION_LABELS, RELATION_TYPES, RELATIONS, relationTypesWhere } from '../../domain/relations/types';

it('gives every type its labels and a coherent meaning', () => {
  expect(RELATION_TYPES.length).toBeGreaterThanOrEqual(13);
  for (const t of RELATION_TYPES) {
    expect(RELATION_LABELS[t].outgoing.length).toBeGreaterThan(0);
    expect(RELATION_LABELS[t].incoming.length).toBeGreaterThan(0);
    const m = RELATIONS[t];
    // What conflicts, ends; what ends a unit or a part of it, ends or changes the document.
    if (m.conflicts) expect({ t, ends: m.ends }).toEqual({ t, ends: true });
    if (m.endsUnit || m.endsUnitIfNoted || m.endsPart || m.suspends) expect({ t, status: m.ends || m.changes }).toEqual({ t, status: true });
  }
  expect(relationTypesWhere('ends').sort()).toEqual(['announces', 'annuls', 'repeals', 'replaces']);
  expect(relationTypesWhere('conflicts').sort()).toEqual(['annuls', 'repeals', 'replaces']);
  expect(relationTypesWhere('parent').sort()).toEqual(['details', 'guides']);
  expect(relationTypesWhere('suspends')).toEqual(['suspends']);
});
