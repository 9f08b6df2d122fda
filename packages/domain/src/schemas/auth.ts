import { z } from 'zod'

export const ZSignInInput = z.object({
  email: z
    .string({ error: (iss) => (iss.input === undefined ? 'email is required' : 'email must be a string') })
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'email must be an email address' })),
  password: z
    .string({
      error: (iss) => (iss.input === undefined ? 'password is required' : 'password must be a string'),
    })
    .min(1, { error: 'password is required' })
    .max(1024),
})
export type TSignInInput = z.infer<typeof ZSignInInput>
