// The funding models' closed lists, shared by the funding page's form (browser) and its server
// action's checks. Kept out of $lib/server: SvelteKit refuses server modules in browser code, so
// the page importing these from there failed `vite build` and its hydration.
export type FundingModelKind = 'FIXED' | 'INDIVIDUALISED' | 'DYNAMIC'
export const FUNDING_MODEL_KINDS = ['FIXED', 'INDIVIDUALISED', 'DYNAMIC'] as const satisfies readonly FundingModelKind[]
export const FIXED_PERIOD_UNITS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const
export type FixedPeriodUnit = (typeof FIXED_PERIOD_UNITS)[number]
