// Prints the SDL to packages/graphql/schema.graphql so schema changes show in review (Conventions 9).
import { writeFileSync } from 'node:fs'
import { printSdl } from '../src/index'

writeFileSync(new URL('../schema.graphql', import.meta.url), printSdl())
console.log('wrote packages/graphql/schema.graphql')
