export * from './report-week'
export * from './age-band'
export * from './deidentify'
export * from './csv'
