// A listing edit through the real REST endpoint (PATCH /api/v1/listings/services/{id}), as a
// national administrator moderating the listing: the write, its audit record and its
// directory.changed outbox message commit in one transaction (packages/services listings).
import { createUser, signInCookie, type TestApp } from './harness'

const moderators = new WeakMap<TestApp, string>()

async function moderatorCookie(t: TestApp): Promise<string> {
  let cookie = moderators.get(t)
  if (!cookie) {
    const { user } = await createUser(t, { role: 'NATIONAL_ADMIN', kind: 'AGENCY' })
    cookie = await signInCookie(t, user.email)
    moderators.set(t, cookie)
  }
  return cookie
}

export async function editServiceListing(
  t: TestApp,
  serviceId: string,
  patch: { name?: string; status?: 'ACTIVE' | 'DEFUNCT' },
): Promise<{ status: number; body: unknown }> {
  const { updatedAt } = await t.db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } })
  const res = await t.app.request(`/api/v1/listings/services/${serviceId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: await moderatorCookie(t) },
    body: JSON.stringify({ expectedUpdatedAt: updatedAt.toISOString(), ...patch }),
  })
  return { status: res.status, body: await res.json() }
}
