export { hashPassword, verifyPassword, verifyAgainstDummy } from './password'
export {
  SESSION_COOKIE,
  sessionPolicy,
  generateSessionToken,
  sessionIdFromToken,
  isWellFormedToken,
  decideSession,
  sessionCookieAttributes,
  type SessionPolicy,
  type SessionDecision,
  type CookieOptions,
} from './session'
