export * from './redis';
export * from './redis.module';
export * from './worker-role';
export * from './domain-events';
export * from './schedules';
