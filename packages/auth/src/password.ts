// Passwords: argon2id through @node-rs/argon2 (prebuilt binaries shipped in the npm package, so it
// installs offline). Parameters are OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
import { hash, verify, type Algorithm } from '@node-rs/argon2'

// Algorithm.Argon2id; the package exports a const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Algorithm

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS)
}

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain)
  } catch {
    // A malformed stored hash is a failed sign-in, never a 500.
    return false
  }
}

let dummyHash: Promise<string> | undefined
/**
 * Spends the same time as a real verification. Sign-in calls it for an unknown email, so the
 * response time does not tell an attacker whether the account exists.
 */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random())
  await verifyPassword(await dummyHash, plain)
  return false
}
