import { z } from 'zod'

export const ZSignInInput = z.object({
  email: z
    .string({ error: 'email is required' })
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'email must be an email address' })),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(1024),
})
export type TSignInInput = z.infer<typeof ZSignInInput>
