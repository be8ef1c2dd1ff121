export { buildApp, type TrellisApp, type RouteEntry, BODY_LIMIT } from './app.js';
export { loadConfig, type Config } from './config.js';
export { startServer, openDatabase, type RunningServer } from './server.js';
export { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.js';
export { generateOrganization, allUnits, type OrganizationShape } from './seed/organization.js';
export { hashPassword } from './services/passwords.js';
