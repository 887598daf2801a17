/** `csdl export DOC --format akn [--at DATE]`: the XML on stdout; bad input said plainly, with the CLI's exit codes. */
import { join } from 'node:path';
import { fromAkomaNtoso } from '../../../domain/export/akn';
import { tempDir } from '../../support/embedded';
import { SAMPLE_DIR } from '../../support/fixtures';
import { csdl } from '../../support/cli';

describe('csdl export', () => {
  const data = tempDir('csdl-cli-export-');

  beforeAll(() => {
    const r = csdl('ingest', join(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt'), join(SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'), '--data', data);
    expect(r.status).toBe(0);
  });

  it('prints the original text as Akoma Ntoso 3.0, and a version at a date', () => {
    const original = csdl('export', '09/2022/TT-BLĐTBXH', '--format', 'akn', '--data', data);
    expect(original.status).toBe(0);
    expect(original.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0"/);
    const read = fromAkomaNtoso(original.stdout);
    expect(read.frbr.expression).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2022-05-25');
    const article1 = (units: ReturnType<typeof fromAkomaNtoso>['units']) => units.flatMap((u) => u.children).find((u) => u.eId === 'art_1');
    expect(article1(read.units)?.heading).toBe('Phạm vi điều chỉnh');

    const version = csdl('export', '09-2022-TT-BLDTBXH', '--at', '2023-06-01', '--data', data);
    expect(version.status).toBe(0);
    expect(fromAkomaNtoso(version.stdout).frbr.expression).toBe('/akn/vn/act/2022-05-25/09-2022-tt-bldtbxh/vie@2023-06-01');
    expect(article1(fromAkomaNtoso(version.stdout).units)?.heading).toBe('Phạm vi áp dụng');
    expect(version.stdout).toContain('<passiveModifications>');

    const json = JSON.parse(csdl('export', '02/2023/TT-BLĐTBXH', '--data', data, '--json').last);
    expect(json).toMatchObject({ format: 'akn', at: null, contentType: 'application/akn+xml; charset=utf-8' });
    expect(json.body).toContain('<activeModifications>');
  });

  it('says what is wrong: an unknown format (naming the allowed ones), a date that is none, a date before issue, no such document', () => {
    const format = csdl('export', '09/2022/TT-BLĐTBXH', '--format', 'pdf', '--data', data);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be one of: akn');
    expect(format.stdout).toBe('');

    const date = csdl('export', '09/2022/TT-BLĐTBXH', '--at', '2023-02-30', '--data', data);
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('--at must be a date YYYY-MM-DD');

    const early = csdl('export', '09/2022/TT-BLĐTBXH', '--at', '2020-01-01', '--data', data, '--json');
    expect(early.status).toBe(3);
    expect(early.stderr).toContain('issued on 2022-05-25: it has no version on 2020-01-01');
    expect(JSON.parse(early.last)).toMatchObject({ error: { code: 'not_found' } });

    expect(csdl('export', '99/2099/TT-KHONGCO', '--data', data).status).toBe(3);
    const none = csdl('export', '--data', data);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('export needs a DOC');
  });
});
