/** The whole database schema, one module per domain. */
export * from './leads';
export * from './sales';
export * from './journeys';
export * from './messages';
export * from './platform';
export * from './auth';
export * from './team';
export * from './imports';
export * from './forms';
export * from './experiments';
export * from './blasts';
export * from './provider-rate';
