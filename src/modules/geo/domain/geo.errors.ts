import { defineErrors } from '@ocop/errors';

export const GeoErrors = defineErrors({
  PROVINCE_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không có tỉnh/thành mã {code}.',
    en: 'No province with code {code}.',
  },
  COMMUNE_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không có xã/phường mã {code}.',
    en: 'No commune with code {code}.',
  },
});
