import type { Membership, Organisation, Region } from '@fsn/db'
import { getMe } from '@fsn/services'
import { builder } from '../builder'
import { OrganisationRef } from './directory'
import { RegionRef } from './places'

const MembershipRef = builder.objectRef<Membership & { organisation: Organisation; region: Region | null }>(
  'Membership',
)
MembershipRef.implement({
  description: "A user's role in an organisation.",
  fields: (t) => ({
    role: t.exposeString('role'),
    organisation: t.field({ type: OrganisationRef, resolve: (m) => m.organisation }),
    region: t.field({ type: RegionRef, nullable: true, resolve: (m) => m.region }),
  }),
})

type Me = NonNullable<Awaited<ReturnType<typeof getMe>>>
const MeRef = builder.objectRef<Me>('Me')
MeRef.implement({
  description: 'The signed-in user. No secrets.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    roles: t.exposeStringList('roles'),
    capabilities: t.exposeStringList('capabilities'),
    memberships: t.field({ type: [MembershipRef], resolve: (m) => m.memberships }),
  }),
})

builder.queryField('me', (t) =>
  t.field({
    type: MeRef,
    nullable: true,
    description: 'Who is signed in; null when anonymous.',
    resolve: (_root, _args, ctx) => getMe({ deps: ctx.deps, actor: ctx.actor }),
  }),
)
