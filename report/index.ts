export { formatCompact } from './formatters/compact';
export * from './formatters';
export * from './model';
export * from './questions';
