/** Sectors (lĩnh vực): the catalogue, suggestions with their evidence, and a reviewer's confirmation. Plain data. */

/** One sector of the catalogue: a chủ đề of the Bộ pháp điển, with its đề mục. */
export interface Sector {
  /** Stable code: the chủ đề number as the Bộ pháp điển numbers it (`20`); codified search entries carry it too. */
  code: string;
  number: number;
  /** Vietnamese name (`Lao động`). */
  name: string;
  /** `tree`: the export's tree names the chủ đề; `heading`: it does not, and the name is its đề mục's title. */
  nameFrom: 'tree' | 'heading';
  headings: { id: string; title: string }[];
}

/** Why a sector is suggested. */
export type SectorEvidence =
  | {
      kind: 'codified';
      /** Codified articles (of this chủ đề) whose source is the document. */
      count: number;
      /** Their codes (first few). */
      articles: string[];
    }
  | {
      kind: 'keyword';
      /** The sector's or đề mục's name that was found. */
      term: string;
      /** Where: the document's title, its opening provisions (phạm vi điều chỉnh, đối tượng áp dụng), or the rest of its text. */
      where: 'title' | 'lead' | 'text';
      count: number;
    };

export interface SectorSuggestion {
  code: string;
  name: string;
  score: number;
  evidence: SectorEvidence[];
}
