/** The one CSV writer (domain/text/csv.ts): RFC 4180 and neutralised formulas (OWASP "CSV injection"). */
import { csvField, toCsv } from '../../domain/text/csv';
import { parseCsv } from '../support/csv';

describe('CSV formula injection', () => {
  it('prefixes an apostrophe to a cell starting with =, +, -, @, tab or carriage return', () => {
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=1')).toBe("'\t=1");
    // Still quoted when it must be, the apostrophe inside the quotes.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('prefixes every cell starting with "-", negative numbers and dash list items included (OWASP)', () => {
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('- điểm a')).toBe("'- điểm a");
    expect(csvField(-5)).toBe("'-5");
  });

  it('leaves every other cell byte-identical', () => {
    for (const s of ['plain', 'Điều 3, khoản 1', 'a=b', '1-2', ' =1', "'quoted", '↳ trả lời', '', '2024-01-01'])
      expect(parseCsv(toCsv(['h'], [[s]]))).toEqual([['h'], [s]]);
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });

  it('neutralises the header too, and a whole file parses back with the apostrophes', () => {
    expect(parseCsv(toCsv(['=h', 'ok'], [['@x', 'y']]))).toEqual([
      ["'=h", 'ok'],
      ["'@x", 'y'],
    ]);
  });
});
