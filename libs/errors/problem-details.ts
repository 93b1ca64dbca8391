import {
  DomainError,
  ErrorKind,
  FieldError,
  Locale,
  findErrorDefinition,
  renderMessage,
} from './domain-error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  instance?: string;
  [extension: string]: unknown;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many: 429,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<number, Record<Locale, string>> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad Request' },
  401: { vi: 'Chưa xác thực', en: 'Unauthorized' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not Found' },
  405: { vi: 'Phương thức không được hỗ trợ', en: 'Method Not Allowed' },
  408: { vi: 'Hết thời gian chờ yêu cầu', en: 'Request Timeout' },
  409: { vi: 'Xung đột', en: 'Conflict' },
  413: { vi: 'Nội dung quá lớn', en: 'Payload Too Large' },
  414: { vi: 'Đường dẫn quá dài', en: 'URI Too Long' },
  415: { vi: 'Định dạng không được hỗ trợ', en: 'Unsupported Media Type' },
  422: { vi: 'Không thể xử lý', en: 'Unprocessable Content' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too Many Requests' },
  431: { vi: 'Tiêu đề yêu cầu quá lớn', en: 'Request Header Fields Too Large' },
  500: { vi: 'Lỗi máy chủ', en: 'Internal Server Error' },
  503: { vi: 'Dịch vụ không sẵn sàng', en: 'Service Unavailable' },
};

export function statusOf(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

/** Picks `en` only when the caller prefers English over Vietnamese; Vietnamese is the default. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

function slugOf(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

export function toProblem(error: DomainError, locale: Locale, statusOverride?: number): ProblemDetails {
  const definition = findErrorDefinition(error.code);
  const status = statusOverride ?? statusOf(error.kind);
  const detail = definition ? renderMessage(definition[locale], error.params) : error.code;
  const problem: ProblemDetails = {
    type: `https://ocop.example/problems/${slugOf(error.code)}`,
    title: (TITLES[status] ?? TITLES[500])[locale],
    status,
    detail,
    code: error.code,
  };
  if (error.fieldErrors.length > 0) problem.errors = error.fieldErrors;
  for (const [key, value] of Object.entries(error.params)) {
    if (!(key in problem) && isPublicParam(value)) problem[key] = value;
  }
  return problem;
}

/** Params become extension members of the problem when they are plain data (never an Error). */
function isPublicParam(value: unknown): boolean {
  if (value instanceof Error) return false;
  return ['string', 'number', 'boolean', 'object'].includes(typeof value) && value !== null;
}
