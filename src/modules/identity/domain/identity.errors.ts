import { defineErrors } from '@ocop/errors';

export const IdentityErrors = defineErrors({
  EMAIL_TAKEN: {
    kind: 'conflict',
    vi: 'Email này đã được dùng để đăng ký.',
    en: 'This email is already registered.',
  },
  INVALID_CREDENTIALS: {
    kind: 'unauthorized',
    vi: 'Email hoặc mật khẩu không đúng.',
    en: 'Wrong email or password.',
  },
  INVALID_REFRESH_TOKEN: {
    kind: 'unauthorized',
    vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại.',
    en: 'The session is invalid or has expired; please sign in again.',
  },
  REFRESH_TOKEN_REUSED: {
    kind: 'unauthorized',
    vi: 'Mã làm mới đã được dùng trước đó; mọi phiên của lần đăng nhập này đã bị thu hồi.',
    en: 'This refresh token was already used; every session of this sign-in has been revoked.',
  },
  TOO_MANY_LOGIN_ATTEMPTS: {
    kind: 'too_many',
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'Too many failed sign-ins. Try again in {retryAfterSeconds} seconds.',
  },
  ADMIN_EMAIL_TAKEN: {
    kind: 'conflict',
    vi: 'Email {email} đã thuộc về một người dùng không phải quản trị viên.',
    en: 'Email {email} belongs to a user who is not an administrator.',
  },
});
