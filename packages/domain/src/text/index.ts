export * from './control-characters'
