#!/usr/bin/env node
// The browser tests drive Debian's Chromium through playwright-core (a browser download is not
// possible on our machines, so never `playwright install`). Installs it when missing and we can.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
if (!isRoot || !hasApt) {
  console.error(
    `Chromium not found at ${path}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
  )
  process.exit(1)
}
console.log('Installing Debian chromium for the browser tests (apt-get)...')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
]) {
  const res = spawnSync('apt-get', args, { stdio: 'inherit', env })
  if (res.status !== 0) process.exit(res.status ?? 1)
}
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} is still missing`)
  process.exit(1)
}
