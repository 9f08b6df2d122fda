// Money on the funding pages: the API speaks integer cents; people type and read dollars. One
// implementation, the domain's (packages/domain funding/money.ts), under the names the pages use.
export { formatCents as centsToDollars, parseDollars as dollarsToCents } from '@fsn/domain'
