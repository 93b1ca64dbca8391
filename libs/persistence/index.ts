export * from './transaction';
export * from './unit-of-work';
export * from './outbox';
export * from './idempotency';
export * from './snake-naming.strategy';
export * from './column-transformers';
export * from './persistence.module';
