export * from './actor';
export * from './decorators';
export * from './auth.guard';
export * from './revoked-sessions';
export * from './tenancy';
