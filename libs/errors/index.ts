export * from './domain-error';
export * from './common.errors';
export * from './problem-details';
export * from './error-rendering';
