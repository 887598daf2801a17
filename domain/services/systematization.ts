/**
 * Systematization (domain/systematize) over the database: every document of an issuer (or of a province's bodies)
 * issued by the cut-off date, its status at that date from the status engine, its sectors (confirmed, else
 * suggested), grouped into the official lists.
 */
import { isCalendarDate } from '../dates';
import { DomainError } from '../errors';
import { issuerLabel, nameKey, provinceOf } from '../issuers';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { filedSectors, sectorLabel } from '../sectors';
import { statusAt } from '../status/engine';
import { type Systematization, type SystematizedWork, systematize } from '../systematize';
import { sectorSuggestionsFor } from './sectors';
import { statusInputFor } from './status';

export interface SystematizationRequest {
  /** An issuing body as written (`Bộ Lao động - Thương binh và Xã hội`, any case, with or without diacritics), or its code in numbers (`BLĐTBXH`). */
  issuer?: string;
  /** A province or city (`Hà Nội`, `tỉnh Đồng Tháp`): the documents of its local bodies. */
  province?: string;
  /** The cut-off date (ISO). */
  at: string;
}

/** The issuer codes in a document's number: `09/2022/TT-BLĐTBXH` → `bldtbxh`; a joint circular has several. */
function numberIssuerKeys(number: string | null): string[] {
  const last = number?.split('/').pop() ?? '';
  return last.split('-').slice(1).map(nameKey).filter(Boolean);
}

/** Whether a work is the issuer's (by a name of its issuing bodies, or by the issuer code in its number). */
export function issuedBy(work: Pick<Work, 'issuers' | 'number'>, issuer: string): boolean {
  const key = nameKey(issuer);
  if (!key) return false;
  if (work.issuers.some((i) => nameKey(issuerLabel(i)) === key)) return true;
  return !key.includes(' ') && numberIssuerKeys(work.number).includes(key);
}

const provinceKey = (name: string) => nameKey(name.replace(/^\s*(?:tỉnh|thành phố|tp\.?)\s+/iu, ''));

/** Whether a work is a local document of the province. */
export function ofProvince(work: Pick<Work, 'scope' | 'issuers' | 'place'>, province: string): boolean {
  const p = provinceOf(work);
  return p !== null && provinceKey(p) === provinceKey(province);
}

/** The lists for one issuer or province at a date. Consolidated texts (VBHN) are not normative documents: left out. */
export async function systematization(ports: Pick<Ports, 'works' | 'links' | 'units' | 'codification'>, req: SystematizationRequest): Promise<Systematization> {
  const issuer = req.issuer?.trim();
  const province = req.province?.trim();
  if (!isCalendarDate(req.at)) throw new DomainError('validation', `at: ${req.at} is not a calendar date`);
  if (!issuer === !province) throw new DomainError('validation', 'Name either an issuer or a province');
  const matches = (w: Work) => (issuer ? issuedBy(w, issuer) : ofProvince(w, province as string));

  const works: SystematizedWork[] = [];
  let subjectName: string | null = null;
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const work of page.items) {
      // A withdrawn document (services/withdrawal.ts) is in no list.
      if (work.withdrawn || work.type === 'van_ban_hop_nhat' || !matches(work)) continue;
      // A document issued after the cut-off date is not part of that period's lists.
      if (work.issued && work.issued > req.at) continue;
      if (!subjectName) subjectName = issuer ? (work.issuers.map(issuerLabel).find((l) => nameKey(l) === nameKey(issuer)) ?? null) : (provinceOf(work) ?? null);
      const status = statusAt(await statusInputFor(ports, work), req.at);
      const filed = filedSectors(work, await sectorSuggestionsFor(ports, work));
      works.push({
        id: work.id,
        number: work.number,
        type: work.type,
        title: work.title,
        issuers: work.issuers.map(issuerLabel),
        issued: work.issued,
        effective: work.effective,
        status,
        sectors: filed.codes.map(sectorLabel),
        sectorsConfirmed: filed.confirmed,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return systematize({ kind: issuer ? 'issuer' : 'province', name: subjectName ?? (issuer || (province as string)) }, req.at, works);
}
