// Where a webhook may go: only the public internet (issue 12, item 6: SSRF). The rule is the
// domain's (checkPublicUrl, checkResolvedAddresses); this resolves the name through the port and
// returns the one checked address the request must connect to, so what was checked is what is
// reached. Run when a subscription is made and again before every delivery (DNS rebinding).
import { lookup } from 'node:dns/promises'
import { checkPublicUrl, checkResolvedAddresses, type PublicAddressOptions } from '@fsn/domain'
import type { ServiceDeps } from '../context'

/** Every address the system resolver has for the name, as the operating system would use them. */
export async function systemResolveHost(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
}

export type WebhookTarget =
  | { ok: true; url: URL; hostname: string; address: string }
  /** permanent: the URL itself is refused, so retrying cannot help; otherwise the name's answers were. */
  | { ok: false; reason: string; permanent: boolean }

function testAllowance(deps: ServiceDeps): PublicAddressOptions {
  const list = deps.allowPrivateWebhookTargets
  // Belt and braces: the production composition root never sets the list, and if anything did,
  // production ignores it.
  if (!list?.length || process.env.NODE_ENV === 'production') return {}
  return { allowAddresses: list }
}

export async function checkWebhookTarget(deps: ServiceDeps, raw: string): Promise<WebhookTarget> {
  const options = testAllowance(deps)
  const verdict = checkPublicUrl(raw, options)
  if (!verdict.allowed) return { ok: false, reason: verdict.reason, permanent: true }
  const { url, hostname } = verdict
  if (verdict.address) return { ok: true, url, hostname, address: verdict.address }
  let addresses: string[]
  try {
    addresses = await (deps.resolveHost ?? systemResolveHost)(hostname)
  } catch (err) {
    const code = (err as { code?: unknown })?.code
    return { ok: false, reason: `${hostname} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}`, permanent: false }
  }
  const resolved = checkResolvedAddresses(hostname, addresses, options)
  if (!resolved.allowed) return { ok: false, reason: resolved.reason, permanent: false }
  return { ok: true, url, hostname, address: resolved.address }
}
