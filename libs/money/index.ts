export * from './vnd';
