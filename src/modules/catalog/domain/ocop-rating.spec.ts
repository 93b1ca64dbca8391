import { effectiveStars, latestExpiryFor, OcopRating, ocopRatingProblems } from './ocop-rating';

const TODAY = '2026-11-29';

const base: OcopRating = {
  stars: 4,
  certificateNo: 'QN-2026-001',
  level: 'province',
  issuedOn: '2026-01-15',
  expiresOn: '2029-01-15',
};

describe('OCOP rating rules', () => {
  it('accepts a provincial 4-star certificate of 36 months', () => {
    expect(ocopRatingProblems(base, TODAY)).toEqual([]);
  });

  it('requires national level for 5 stars and 5 stars for national level', () => {
    expect(ocopRatingProblems({ ...base, stars: 5 }, TODAY)).toEqual([
      expect.objectContaining({ field: 'level' }),
    ]);
    expect(ocopRatingProblems({ ...base, stars: 5, level: 'national' }, TODAY)).toEqual([]);
    expect(ocopRatingProblems({ ...base, stars: 4, level: 'national' }, TODAY)).toHaveLength(1);
  });

  it('refuses a certificate issued after today', () => {
    expect(ocopRatingProblems({ ...base, issuedOn: '2026-11-30', expiresOn: '2029-11-30' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'issuedOn' }),
    ]);
    expect(ocopRatingProblems({ ...base, issuedOn: TODAY, expiresOn: '2029-11-29' }, TODAY)).toEqual([]);
  });

  it('lets the province rate only 3 or 4 stars on certificates issued since 2025-07-01', () => {
    for (const stars of [1, 2]) {
      expect(ocopRatingProblems({ ...base, stars }, TODAY)).toEqual([
        expect.objectContaining({ field: 'stars' }),
      ]);
      expect(
        ocopRatingProblems({ ...base, stars, issuedOn: '2025-06-30', expiresOn: '2028-06-30' }, TODAY),
      ).toEqual([]);
    }
  });

  it('accepts district only for certificates issued before 2025-07-01', () => {
    expect(
      ocopRatingProblems(
        {
          ...base,
          stars: 3,
          level: 'district',
          issuedOn: '2025-06-30',
          expiresOn: '2028-06-30',
        },
        TODAY,
      ),
    ).toEqual([]);
    expect(
      ocopRatingProblems(
        {
          ...base,
          stars: 3,
          level: 'district',
          issuedOn: '2025-07-01',
          expiresOn: '2028-07-01',
        },
        TODAY,
      ),
    ).toEqual([expect.objectContaining({ field: 'level' })]);
  });

  it('limits a certificate to 36 months after issue and requires expiry after issue', () => {
    expect(ocopRatingProblems({ ...base, expiresOn: '2029-01-16' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'expiresOn' }),
    ]);
    expect(ocopRatingProblems({ ...base, expiresOn: '2026-01-15' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'expiresOn' }),
    ]);
  });

  it('clamps 36 months to the end of a shorter month', () => {
    expect(latestExpiryFor('2024-02-29')).toBe('2027-02-28');
    expect(latestExpiryFor('2025-12-31')).toBe('2028-12-31');
  });

  it('counts an expired certificate as unrated', () => {
    expect(effectiveStars({ stars: 4, expiresOn: '2026-11-29' }, '2026-11-29')).toBe(4);
    expect(effectiveStars({ stars: 4, expiresOn: '2026-11-28' }, '2026-11-29')).toBeNull();
    expect(effectiveStars(null, '2026-11-29')).toBeNull();
  });
});
