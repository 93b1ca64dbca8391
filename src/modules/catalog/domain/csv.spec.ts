import { columnOf, parseCsv, readImportRows } from './csv';

describe('parseCsv', () => {
  it('handles quotes, embedded separators, line breaks, CRLF and a BOM', () => {
    const records = parseCsv(
      '\uFEFFsku,packSize\r\nA,"hộp, 500 g"\r\nB,"dòng 1\ndòng 2"\r\n\r\nC,"say ""hi"""\n',
    );
    expect(records).toEqual([
      { line: 1, cells: ['sku', 'packSize'] },
      { line: 2, cells: ['A', 'hộp, 500 g'] },
      { line: 3, cells: ['B', 'dòng 1\ndòng 2'] },
      { line: 6, cells: ['C', 'say "hi"'] },
    ]);
  });

  it('uses semicolons when the header does', () => {
    expect(parseCsv('sku;giá\nA;45.000')).toEqual([
      { line: 1, cells: ['sku', 'giá'] },
      { line: 2, cells: ['A', '45.000'] },
    ]);
  });
});

describe('import headers', () => {
  it('accepts Vietnamese and English headers', () => {
    expect(columnOf('Mã SKU')).toBe('sku');
    expect(columnOf('Giá (VNĐ)')).toBe('priceVnd');
    expect(columnOf('Tồn kho')).toBe('stockOnHand');
    expect(columnOf('Số lượng tối thiểu')).toBe('minOrderQty');
    expect(columnOf('minOrderQty')).toBe('minOrderQty');
    expect(columnOf('Thuế VAT')).toBe('vatRate');
  });
});

describe('readImportRows', () => {
  it('reads good rows and reports every bad one with its line', () => {
    const csv = [
      'Tên sản phẩm,Mã SKU,Quy cách,Giá (VNĐ),Số lượng tối thiểu,Tồn kho,Bậc giá,Thuế VAT,Trạng thái',
      'Chè đường Ba Chẽ,CHE-1,hộp 500 g,45.000,10,100,50:42000;100:40000,5%,đang bán',
      'Chè đường Ba Chẽ,CHE-2,hộp 200 g,abc,10,100,,7,tạm dừng',
      'Chè đường Ba Chẽ,CHE-1,hộp 1 kg,90000,0,5,,,',
    ].join('\n');
    const { rows, problems } = readImportRows(parseCsv(csv));
    expect(rows[0]).toMatchObject({
      line: 2,
      productName: 'Chè đường Ba Chẽ',
      sku: 'CHE-1',
      priceVnd: 45000,
      minOrderQty: 10,
      stockOnHand: 100,
      priceTiers: [
        { minQty: 50, priceVnd: 42000 },
        { minQty: 100, priceVnd: 40000 },
      ],
      vatRate: 5,
      status: 'active',
    });
    expect(problems).toEqual([
      { line: 3, field: 'priceVnd', message: expect.any(String) },
      { line: 3, field: 'vatRate', message: expect.any(String) },
      { line: 4, field: 'minOrderQty', message: expect.any(String) },
      { line: 4, field: 'sku', message: 'repeats line 2' },
    ]);
  });

  it('rejects unknown columns and a missing product column', () => {
    const { problems } = readImportRows(parseCsv('sku,colour\nA,red'));
    expect(problems.map((p) => p.field)).toEqual(['colour', 'productId']);
  });
});
