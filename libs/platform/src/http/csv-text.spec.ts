import { CSV_BOM, csvCell, csvRow } from './csv-text';

describe('CSV text a spreadsheet opens safely', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])(
    'shows %j as text, prefixed with a single quote',
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text and the numbers it was given as they are', () => {
    expect(csvCell('Street repair')).toBe('Street repair');
    expect(csvCell('Алматы қаласы')).toBe('Алматы қаласы');
    expect(csvCell(-150)).toBe('-150');
    expect(csvCell(2026)).toBe('2026');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and ends records with CRLF', () => {
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
    expect(CSV_BOM).toBe('\uFEFF');
  });
});
