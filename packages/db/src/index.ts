export {
  openDatabase,
  redactUrl,
  type Database,
  type DatabaseKind,
  type PoolStats,
  type OpenDatabaseOptions,
} from './database'
export {
  applyMigrations,
  readMigrations,
  MIGRATIONS_DIR,
  MigrationChecksumError,
  type SqlExecutor,
} from './migrations'
export * from './generated/prisma/client'
export { seedReferenceData } from './seed/reference'
export {
  seedDatabase,
  isDatabaseSeeded,
  type SeedDatabaseOptions,
  type SeedDatabaseResult,
} from './seed/seed'
export {
  readReferenceFiles,
  loadGeneratorReference,
  REFERENCE_DIR,
  type ReferenceCounts,
  type ReferenceFiles,
  type GeneratorReference,
} from './seed/reference'
export {
  seedDemoUsers,
  assertDemoUsersAllowed,
  DEMO_USERS,
  DEMO_PASSWORD,
  type DemoUser,
  type SeededDemoUser,
} from './seed/demo-users'
export { seedCarePartnerDemo, CARE_PARTNER_DEMO, type SeededCarePartner } from './seed/care-partners'
export {
  generateDirectory,
  generateDirectoryBatches,
  AGENCY_NAMES,
  COVERAGE_GAPS,
  DEFAULT_SEED,
  DEFAULT_PROVIDERS,
  DEFAULT_SERVICES,
  type Directory,
  type DirectoryBatch,
  type GenerateOptions,
} from './seed/generate'
export { pointInGeometry, type RegionGeometry } from './seed/geo'
export {
  seedProvider,
  seedAgency,
  seedUser,
  type SeedProviderOptions,
  type SeedUserOptions,
  type AccreditationOverride,
} from './factories/index'
