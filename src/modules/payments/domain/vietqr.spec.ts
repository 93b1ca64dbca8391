import { crc16CcittFalse, decodeVietQr, parseEmv, vietQrPayload } from './vietqr';

describe('VietQR', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('builds a dynamic NAPAS 247 payload that decodes to the amount and reference with a valid CRC', () => {
    const payload = vietQrPayload({
      bankBin: '970436',
      accountNo: '0011004567890',
      amountVnd: 1_234_500,
      reference: 'OCOP1A2B3C4D5E6F',
    });
    const decoded = decodeVietQr(payload);
    expect(decoded).toEqual({
      crcValid: true,
      guid: 'A000000727',
      bankBin: '970436',
      accountNo: '0011004567890',
      service: 'QRIBFTTA',
      currency: '704',
      country: 'VN',
      amountVnd: 1_234_500,
      reference: 'OCOP1A2B3C4D5E6F',
      initiation: 'dynamic',
    });
    expect(payload.startsWith('000201010212')).toBe(true);
    expect(parseEmv(payload).get('63')).toMatch(/^[0-9A-F]{4}$/);
  });

  it('lays the fields out exactly as the NAPAS 247 specification does', () => {
    // Vietcombank 970436 / account 0011004567890 / 50 000 đ / note OCOPTEST, TLVs written out by hand.
    const payload = vietQrPayload({
      bankBin: '970436',
      accountNo: '0011004567890',
      amountVnd: 50_000,
      reference: 'OCOPTEST',
    });
    expect(payload.slice(0, -4)).toBe(
      '00020101021238570010A00000072701270006970436011300110045678900208QRIBFTTA530370454055000058' +
        '02VN62120808OCOPTEST6304',
    );
    expect(decodeVietQr(payload).crcValid).toBe(true);
  });

  it('detects a tampered payload through the CRC', () => {
    const payload = vietQrPayload({
      bankBin: '970436',
      accountNo: '123456',
      amountVnd: 10_000,
      reference: 'OCOPX',
    });
    const tampered = payload.replace('540510000', '540590000');
    expect(tampered).not.toBe(payload);
    expect(decodeVietQr(tampered).crcValid).toBe(false);
  });

  it('is static without an amount, and strips diacritics and symbols from the note', () => {
    const decoded = decodeVietQr(
      vietQrPayload({ bankBin: '970436', accountNo: '123456', reference: 'Đơn #12' }),
    );
    expect(decoded.initiation).toBe('static');
    expect(decoded.amountVnd).toBeUndefined();
    expect(decoded.reference).toBe('Don 12');
    expect(decoded.crcValid).toBe(true);
  });

  it('refuses a bank BIN that is not six digits', () => {
    expect(() => vietQrPayload({ bankBin: '97043', accountNo: '1' })).toThrow(RangeError);
  });
});
