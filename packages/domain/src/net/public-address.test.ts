import { describe, expect, it } from 'vitest'
import {
  checkPublicUrl,
  checkResolvedAddresses,
  classifyIpAddress,
  parseIpv4,
  parseIpv4Loose,
  parseIpv6,
} from './public-address'

describe('classifyIpAddress: refused', () => {
  it.each([
    // IPv4
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private (10.0.0.0/8)'],
    ['10.255.255.255', 'private (10.0.0.0/8)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private (172.16.0.0/12)'],
    ['172.31.255.255', 'private (172.16.0.0/12)'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation (192.0.2.0/24)'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.1.1', 'private (192.168.0.0/16)'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation (198.51.100.0/24)'],
    ['203.0.113.9', 'documentation (203.0.113.0/24)'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved (240.0.0.0/4)'],
    ['255.255.255.255', 'broadcast'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['ff0e::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped (::ffff:0:0/96) for 169.254.169.254'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'], // refused whatever it embeds
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::a00:1', 'IPv4-compatible'],
    ['64:ff9b::10.0.0.1', 'NAT64 (64:ff9b::/96) for 10.0.0.1 is private'],
    ['64:ff9b::7f00:1', 'NAT64 (64:ff9b::/96) for 127.0.0.1 is loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 (64:ff9b::/96) for 169.254.169.254'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 (2002::/16) for 127.0.0.1'],
    ['2002:c0a8:101::1', '6to4 (2002::/16) for 192.168.1.1'],
    ['2002:0a00:0001:1234::1', '6to4 (2002::/16) for 10.0.0.1'],
    ['2001:db8::1', 'documentation (2001:db8::/32)'],
    ['3fff::1', 'documentation (3fff::/20)'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'discard-only'],
    ['4000::1', 'outside global unicast'],
    ['1::', 'outside global unicast'],
  ])('%s is %s', (address, why) => {
    const v = classifyIpAddress(address)
    expect(v.public).toBe(false)
    expect(v.public === false && v.reason).toContain(why)
  })
})

describe('classifyIpAddress: public', () => {
  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '9.255.255.255', // just below 10/8
    '11.0.0.0', // just above 10/8
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above CGNAT
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '172.15.255.255', // just below 172.16/12
    '172.32.0.0', // just above it
    '192.167.255.255',
    '192.169.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255', // just below multicast
    '2404:6800:4006:80a::200e',
    '2606:4700:4700::1111',
    '64:ff9b::808:808', // NAT64 for 8.8.8.8
    '2002:808:808::1', // 6to4 for 8.8.8.8
  ])('%s', (address) => expect(classifyIpAddress(address)).toEqual({ public: true }))

  it.each(['', 'example.nz', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', ':::', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9'])(
    '%j is not an address (refused)',
    (text) => expect(classifyIpAddress(text).public).toBe(false),
  )
})

describe('parsers', () => {
  it.each([
    ['127.0.0.1', 0x7f000001],
    ['2130706433', 0x7f000001],
    ['0x7f000001', 0x7f000001],
    ['0177.0.0.1', 0x7f000001],
    ['127.1', 0x7f000001],
    ['127.0.1', 0x7f000001],
    ['0x7f.1', 0x7f000001],
    ['0', 0],
    ['127.0.0.1.', 0x7f000001],
  ])('parseIpv4Loose(%s)', (text, value) => expect(parseIpv4Loose(text)).toBe(value))

  it.each(['4294967296', '256.0.0.1', '1.2.3.4.5', 'abc', '08.0.0.1', '127.0.0.256', ''])('parseIpv4Loose(%j) is null', (t) =>
    expect(parseIpv4Loose(t)).toBeNull(),
  )

  it('parseIpv4 is strict', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001)
    expect(parseIpv4('2130706433')).toBeNull()
    expect(parseIpv4('010.0.0.1')).toBeNull()
  })

  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['::ffff:127.0.0.1', 0xffff7f000001n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n],
  ])('parseIpv6(%s)', (text, value) => expect(parseIpv6(text)).toBe(value))

  it.each(['1.2.3.4', '1:2:3:4:5:6:7', '1::2::3', '1.2.3.4::', '12345::', '::1:2:3:4:5:6:7:8'])('parseIpv6(%j) is null', (t) =>
    expect(parseIpv6(t)).toBeNull(),
  )
})

describe('checkPublicUrl', () => {
  it.each([
    // the finding
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://10.0.0.1/', 'private'],
    ['https://127.0.0.1:4000/hook', 'loopback'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'private name (.internal)'],
    ['https://0x7f000001/', 'loopback'],
    // other spellings new URL() normalises to an IPv4 address
    ['https://2130706433/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://0x7f.0.0.1/', 'loopback'],
    ['https://0xa9.0xfe.0xa9.0xfe/', 'link-local'],
    ['https://%31%32%37.0.0.1/', 'loopback'],
    ['https://１２７.０.０.１/', 'loopback'], // full-width digits
    ['https://127.0.0.1./', 'loopback'],
    ['https://0/', 'unspecified'],
    ['https://0.0.0.0:443/', 'unspecified'],
    ['https://192.168.0.1/', 'private'],
    ['https://172.20.1.1/', 'private'],
    ['https://100.100.100.200/', 'carrier-grade NAT'], // Alibaba metadata
    ['https://255.255.255.255/', 'broadcast'],
    // IPv6 literals
    ['https://[::1]/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'IPv4-mapped'],
    ['https://[::ffff:7f00:1]/', 'IPv4-mapped'],
    ['https://[::ffff:169.254.169.254]/', 'IPv4-mapped'],
    ['https://[0:0:0:0:0:ffff:a00:1]/', 'IPv4-mapped'],
    ['https://[::10.0.0.1]/', 'IPv4-compatible'],
    ['https://[64:ff9b::169.254.169.254]/', 'NAT64'],
    ['https://[2002:a9fe:a9fe::]/', '6to4'],
    ['https://[fd00:ec2::254]/', 'unique-local'], // AWS IPv6 metadata
    ['https://[fe80::1]/', 'link-local'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://[::]/', 'unspecified'],
    // names
    ['https://localhost/', 'single-label'],
    ['https://LOCALHOST:8443/', 'single-label'],
    ['https://localhost./', 'single-label'],
    ['https://api.localhost/', 'private name (.localhost)'],
    ['https://printer.local/', 'private name (.local)'],
    ['https://instance-data.ec2.internal/', 'private name (.internal)'],
    ['https://metadata.google.internal./', 'private name (.internal)'],
    ['https://router.home.arpa/', 'private name (.arpa)'],
    ['https://1.0.0.127.in-addr.arpa/', 'private name (.arpa)'],
    ['https://box.localdomain/', 'private name (.localdomain)'],
    ['https://metadata/', 'single-label'],
    ['https://intranet/', 'single-label'],
    ['https://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/', 'single-label'], // IDNA maps it to localhost
    // scheme and credentials
    ['http://partner.example.nz/hook', 'HTTPS only'],
    ['ftp://partner.example.nz/hook', 'HTTPS only'],
    ['file:///etc/passwd', 'HTTPS only'],
    ['gopher://127.0.0.1:6379/_INFO', 'HTTPS only'],
    ['https://user:pw@partner.example.nz/hook', 'credentials'],
    ['https://user@partner.example.nz/hook', 'credentials'],
    ['not a url', 'not a URL'],
  ])('refuses %s (%s)', (raw, why) => {
    const v = checkPublicUrl(raw)
    expect(v.allowed).toBe(false)
    expect(v.allowed === false && v.reason).toContain(why)
  })

  it.each([
    ['https://partner.example.nz/hook', 'partner.example.nz', null],
    ['https://Hooks.Partner.Example.NZ:8443/fsn?x=1', 'hooks.partner.example.nz', null],
    ['https://partner.example.nz./hook', 'partner.example.nz', null],
    ['https://8.8.8.8/hook', '8.8.8.8', '8.8.8.8'],
    ['https://[2606:4700:4700::1111]/hook', '2606:4700:4700::1111', '2606:4700:4700::1111'],
  ])('accepts %s', (raw, hostname, address) => {
    expect(checkPublicUrl(raw)).toMatchObject({ allowed: true, hostname, address })
  })

  it('lets only the listed test addresses through, over http too, and nothing else', () => {
    const allowAddresses = ['127.0.0.1']
    expect(checkPublicUrl('http://127.0.0.1:4000/hook', { allowAddresses })).toMatchObject({ allowed: true, address: '127.0.0.1' })
    expect(checkPublicUrl('https://127.0.0.1:4000/hook', { allowAddresses })).toMatchObject({ allowed: true })
    expect(checkPublicUrl('http://127.0.0.2:4000/hook', { allowAddresses }).allowed).toBe(false)
    expect(checkPublicUrl('http://localhost:4000/hook', { allowAddresses }).allowed).toBe(false)
    expect(checkPublicUrl('http://partner.example.nz/hook', { allowAddresses }).allowed).toBe(false)
    expect(checkPublicUrl('https://10.0.0.1/', { allowAddresses }).allowed).toBe(false)
  })
})

describe('checkResolvedAddresses', () => {
  it('accepts all-public answers and names the first address to connect to', () => {
    expect(checkResolvedAddresses('partner.example.nz', ['8.8.8.8', '2606:4700:4700::1111'])).toEqual({
      allowed: true,
      address: '8.8.8.8',
    })
  })

  it.each([
    [['10.0.0.1'], 'resolves to 10.0.0.1 is private'],
    [['8.8.8.8', '127.0.0.1'], 'loopback'], // one bad answer among good ones
    [['2606:4700:4700::1111', 'fd00::1'], 'unique-local'],
    [['::ffff:10.0.0.1'], 'IPv4-mapped'],
    [[], 'resolves to no address'],
    [['not-an-address'], 'not an IP address'],
  ])('refuses %j (%s)', (addresses, why) => {
    const v = checkResolvedAddresses('partner.example.nz', addresses)
    expect(v.allowed).toBe(false)
    expect(v.allowed === false && v.reason).toContain(why)
  })

  it('lets through only the listed test addresses', () => {
    expect(checkResolvedAddresses('hooks.test', ['127.0.0.1'], { allowAddresses: ['127.0.0.1'] })).toEqual({
      allowed: true,
      address: '127.0.0.1',
    })
    expect(checkResolvedAddresses('hooks.test', ['127.0.0.1', '10.0.0.1'], { allowAddresses: ['127.0.0.1'] }).allowed).toBe(false)
  })
})
