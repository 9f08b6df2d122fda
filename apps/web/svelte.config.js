import adapter from '@sveltejs/adapter-node'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'
import { TRUSTED_FORM_ORIGINS } from './src/lib/server/trusted-origins.js'

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // Kit refuses cross-site form posts in builds (not under `vite dev`); hooks.server.ts checks
    // the same in every mode. Both read one list of trusted origins (empty).
    csrf: { trustedOrigins: TRUSTED_FORM_ORIGINS },
    // The app handles personal information about whānau: no third-party script, style or frame
    // may load, and no other site may frame us (clickjacking on sign-in and consent forms).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // SvelteKit's route announcer (aria-live region after client navigation) is the one inline
        // style attribute; allow exactly it. The browser tests fail on any CSP violation, so a Kit
        // upgrade that changes it shows up there.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
  },
  vitePlugin: {
    // Runes everywhere in our code; libraries keep whatever mode they were written for.
    dynamicCompileOptions: ({ filename }) => (filename.includes('node_modules') ? undefined : { runes: true }),
  },
}

export default config
