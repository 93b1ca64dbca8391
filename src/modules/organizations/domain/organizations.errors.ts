import { defineErrors } from '@ocop/errors';

export const OrganizationErrors = defineErrors({
  ORGANIZATION_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' },
  ORGANIZATION_KIND_MISMATCH: {
    kind: 'invalid',
    vi: 'Loại tổ chức "{kind}" không phù hợp với vai trò {role} (cho phép: {allowed}).',
    en: 'Organization kind "{kind}" does not fit role {role} (allowed: {allowed}).',
  },
  COMMUNE_UNKNOWN: {
    kind: 'invalid',
    vi: 'Mã xã/phường {communeCode} không có trong danh mục đơn vị hành chính hiện hành.',
    en: 'Commune code {communeCode} is not in the current list of administrative units.',
  },
  INVALID_TRANSITION: {
    kind: 'conflict',
    vi: 'Không thể chuyển trạng thái từ {from} sang {to}.',
    en: 'Cannot move from {from} to {to}.',
  },
  ORGANIZATION_NOT_VERIFIED: {
    kind: 'unprocessable',
    vi: 'Tổ chức chưa được Văn phòng OCOP xác minh.',
    en: 'The organization has not been verified by the OCOP office.',
  },
});
