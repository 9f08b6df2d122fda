export { openDatabase, redactUrl, type Database, type DatabaseKind, type OpenDatabaseOptions } from './database'
export { applyMigrations, readMigrations, MIGRATIONS_DIR, MigrationChecksumError, type SqlExecutor } from './migrations'
export * from './generated/prisma/client'
export { seedReferenceData } from './seed/reference'
