export * from './errors.js';
export * from './organizations/units.js';
export * from './organizations/schemas.js';
export * from './access/roles.js';
export * from './people/schemas.js';
export * from './audit/schemas.js';
export * from './catalogs/sources.js';
export * from './mechanisms/catalog.js';
