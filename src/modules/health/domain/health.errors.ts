import { defineErrors } from '@ocop/errors';

export const HealthErrors = defineErrors({
  DEPENDENCY_UNAVAILABLE: {
    kind: 'unavailable',
    vi: 'Dịch vụ chưa sẵn sàng: {dependencies} không phản hồi.',
    en: 'Not ready: {dependencies} not answering.',
  },
});
