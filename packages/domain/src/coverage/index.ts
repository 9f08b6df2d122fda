export * from './rules'
export * from './disclosure'
