import { isForbiddenAddress, webhookUrlProblem } from './address-policy';

describe('webhook address policy', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '203.113.131.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows public %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it('checks URL syntax before any lookup', () => {
    expect(webhookUrlProblem('https://erp.example.vn/hook')).toBeUndefined();
    expect(webhookUrlProblem('http://erp.example.vn:8080/hook')).toBeUndefined();
    expect(webhookUrlProblem('ftp://erp.example.vn/hook')).toBe('must use http or https');
    expect(webhookUrlProblem('https://user:pw@erp.example.vn/')).toBe('must not contain credentials');
    expect(webhookUrlProblem('not a url')).toBe('not a valid URL');
  });
});
