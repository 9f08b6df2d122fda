export * from './shared-assessment'
export * from './shared-case'
