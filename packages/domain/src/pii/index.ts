export * from './nhi'
export * from './ird'
export * from './detect-pii'
