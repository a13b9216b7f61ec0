export * from './catalog';
export * from './errors';
export * from './events';
export * from './imports';
export * from './methods';
export * from './stats';
export * from './topics';
export * from './transport';
