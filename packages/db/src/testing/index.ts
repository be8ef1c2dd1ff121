// Test and benchmark helpers; not used by the server at run time.
export * from './postgres-cluster.js';
export * from './pglite-template.js';
