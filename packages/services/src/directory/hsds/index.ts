// HSDS 3.0 export and import, and the HSDA reads (Open Referral). See docs in each file.
export {
  validateHsds,
  readHsdsFile,
  HSDS_DIR,
  HSDS_VERSION,
  type HsdsSchemaKind,
  type HsdsIssue,
} from './schemas'
export {
  toHsdsService,
  toHsdsServiceAtLocation,
  toHsdsOrganization,
  toHsdsTaxonomy,
  toHsdsTaxonomyTerm,
  serviceInclude,
  EXTENSION as HSDS_EXTENSION,
  type HsdsObject,
} from './export'
export {
  getHsdsService,
  findHsdsServices,
  getHsdsServiceAtLocation,
  findHsdsServiceAtLocations,
  getHsdsOrganization,
  findHsdsOrganizations,
  findHsdsTaxonomies,
  getHsdsTaxonomy,
  findHsdsTaxonomyTerms,
  getHsdsTaxonomyTerm,
  exportHsdsServices,
  hsdaApiInfo,
  hsdaPage,
  type HsdaPage,
} from './read-hsds'
export {
  ZHsdaServicesQuery,
  ZHsdaServiceAtLocationsQuery,
  ZHsdaOrganizationsQuery,
  ZHsdaOrganizationQuery,
  ZHsdaTaxonomiesQuery,
  ZHsdaTaxonomyTermsQuery,
  HSDA_MAX_PER_PAGE,
  HSDA_DEFAULT_PER_PAGE,
} from './params'
export {
  importHsds,
  importHsdsRecords,
  dottedPath,
  type ImportActor,
  type HsdsImportReport,
  type HsdsImportProblem,
  type HsdsImportOptions,
} from './import'
export { readRecords, kindFromFileName, type RawRecord, type ImportKind } from './import-records'
export { requestHsdsReindex } from './request-reindex'
