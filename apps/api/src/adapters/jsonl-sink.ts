// A development sink for outbound messages (email, SMS): one JSON line per message in a file you can
// read. Remembers every dedupeKey already in the file (read once per process), so an outbox re-run
// after a crash writes nothing twice: exactly once here, as a provider's idempotency key would make it.
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'

export function dedupedJsonlSink<M extends { dedupeKey?: string }>(path: string): { send(message: M): Promise<void> } {
  let keys: Promise<Set<string>> | null = null
  const loadKeys = async () => {
    const seen = new Set<string>()
    const text = await readFile(path, 'utf8').catch(() => '')
    for (const line of text.split('\n')) {
      try {
        const key = (JSON.parse(line) as { dedupeKey?: unknown }).dedupeKey
        if (typeof key === 'string') seen.add(key)
      } catch {
        // a blank or torn last line: not a sent message
      }
    }
    return seen
  }
  return {
    async send(message) {
      await mkdir(dirname(path), { recursive: true })
      const seen = await (keys ??= loadKeys())
      if (message.dedupeKey !== undefined && seen.has(message.dedupeKey)) return
      await appendFile(path, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n')
      if (message.dedupeKey !== undefined) seen.add(message.dedupeKey)
    },
  }
}
