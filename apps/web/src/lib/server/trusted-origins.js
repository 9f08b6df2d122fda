// Origins besides the web app's own that may post forms to it: the one list, read by SvelteKit's
// own check (svelte.config.js, `kit.csrf.trustedOrigins`, production builds) and by ours
// (hooks.server.ts, every mode including `vite dev`). No other site has reason to post a form here.
/** @type {string[]} */
export const TRUSTED_FORM_ORIGINS = []
