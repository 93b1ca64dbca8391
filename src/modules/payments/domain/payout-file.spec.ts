import { payoutCsv } from './payout-file';

describe('payout bank-transfer file', () => {
  it('is UTF-8 CSV with a BOM and one line per producer', () => {
    const csv = payoutCsv([
      {
        bankBin: '970436',
        accountNo: '0011001234567',
        accountName: 'HTX Chè Đường, Ba Chẽ',
        amountVnd: 950_000,
        reference: 'OCOPPAY1',
      },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'bank_bin,account_no,account_name,amount_vnd,reference',
      '970436,0011001234567,"HTX Chè Đường, Ba Chẽ",950000,OCOPPAY1',
      '',
    ]);
  });

  it('defuses spreadsheet formulas in names', () => {
    const csv = payoutCsv([
      { bankBin: '970436', accountNo: '1', accountName: '=HYPERLINK("x")', amountVnd: 1, reference: 'R' },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
