export { openCase } from './open-case'
export { actOnCase } from './act-on-case'
export { getSharedCase, getCaseMembers, findMyCases, type SharedCaseReadView } from './read-cases'
