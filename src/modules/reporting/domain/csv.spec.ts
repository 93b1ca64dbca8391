import { csvCell, toCsv, UTF8_BOM } from './csv';

describe('CSV rendering', () => {
  it('quotes commas, quotes and line breaks and keeps Vietnamese text as is', () => {
    expect(csvCell('Chè đường Ba Chẽ')).toBe('Chè đường Ba Chẽ');
    expect(csvCell('HTX "Bình Liêu", Quảng Ninh')).toBe('"HTX ""Bình Liêu"", Quảng Ninh"');
    expect(csvCell('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(1250000)).toBe('1250000');
    expect(csvCell(-5)).toBe('-5');
  });

  it('neutralises cells that Excel would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a BOM, then the header row, with CRLF line ends', () => {
    const csv = toCsv({ header: ['Mã', 'Tên'], rows: [['06970', 'Xã Ba Chẽ']] });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('Mã,Tên\r\n06970,Xã Ba Chẽ\r\n');
  });
});
