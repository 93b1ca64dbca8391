import { defineErrors } from '@ocop/errors';

export const ReportingErrors = defineErrors({
  REPORT_PERIOD_INVALID: {
    kind: 'invalid',
    vi: 'Khoảng thời gian báo cáo không hợp lệ ({from} – {to}).',
    en: 'Invalid report period ({from} – {to}).',
  },
  FORMER_DISTRICT_UNKNOWN: {
    kind: 'invalid',
    vi: 'Mã huyện cũ {formerDistrictCode} không có trong danh mục đơn vị hành chính trước 01/07/2025.',
    en: 'Former district code {formerDistrictCode} is not in the list of units before 2025-07-01.',
  },
  TARGET_REPEATED: {
    kind: 'invalid',
    vi: 'Chỉ tiêu {metric} cho phạm vi "{scope}" được nêu hai lần.',
    en: 'Target {metric} for scope "{scope}" is given twice.',
  },
});
