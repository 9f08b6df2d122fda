import type { Region } from '@fsn/db'
import { listRegions } from '@fsn/services'
import { builder } from '../builder'

export const RegionRef =
  builder.objectRef<Pick<Region, 'id' | 'code' | 'isoCode' | 'name' | 'nameMi' | 'council' | 'island'>>(
    'Region',
  )
RegionRef.implement({
  description: 'One of the 16 regional council regions.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code', { description: 'Stats NZ REGC code, e.g. "09".' }),
    isoCode: t.exposeString('isoCode', { description: 'ISO 3166-2 code, e.g. "NZ-WGN".' }),
    name: t.exposeString('name'),
    nameMi: t.exposeString('nameMi', { nullable: true, description: 'te reo Māori name.' }),
    council: t.exposeString('council'),
    island: t.exposeString('island'),
  }),
})

builder.queryField('regions', (t) =>
  t.field({
    type: [RegionRef],
    description: 'The 16 regions, north to south.',
    resolve: (_root, _args, ctx) => listRegions({ deps: ctx.deps }),
  }),
)
