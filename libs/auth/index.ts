export * from './actor';
export * from './decorators';
export * from './auth.guard';
export * from './tenancy';
