export { allocateFund } from './allocate-fund'
export {
  requestGrant,
  FOOD_SUGGESTION_CATEGORIES,
  type GrantRequestResult,
  type SuggestedService,
} from './request-grant'
export { getMyFund } from './get-my-fund'
