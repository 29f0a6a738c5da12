import { BlockList, isIP } from 'node:net';

/** Whether the hop `hop` away (0: the peer of the socket) at `address` is a proxy to believe. */
export type TrustProxy = (address: string, hop: number) => boolean;

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `::ffff:10.1.2.3` (an IPv4 peer on a dual-stack socket) is 10.1.2.3. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

function addRule(list: BlockList, item: string): void {
  const [address, bits, extra] = item.split('/');
  const family = isIP(address ?? '');
  const prefix = bits === undefined ? (family === 4 ? 32 : 128) : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!family || extra !== undefined || !(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) {
    throw new Error(`"${item}" is not an IP address, a CIDR (10.0.0.0/8) or one of ${Object.keys(NAMED).join(', ')}`);
  }
  list.addSubnet(address!, prefix, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Reads the TRUST_PROXY setting: off (unset, 0, false, off); a hop count (the relay is reachable
 * only through that many proxies); or comma-separated proxy addresses, CIDRs and the names
 * loopback, linklocal, uniquelocal. Throws naming what it cannot read; refuses `true`, which would
 * let any client choose its address (and so its rate-limit bucket) with X-Forwarded-For.
 */
export function parseTrustProxy(setting: string | undefined): TrustProxy | null {
  const s = (setting ?? '').trim();
  if (['', '0', 'false', 'off'].includes(s.toLowerCase())) return null;
  if (s.toLowerCase() === 'true') throw new Error('"true" would trust any client\'s X-Forwarded-For: name a hop count or the proxies\' addresses');
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    if (hops > 100) throw new Error(`"${s}" hops is more than any real chain of proxies`);
    return (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const item of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    for (const rule of NAMED[item.toLowerCase()] ?? [item]) addRule(list, rule);
  }
  return (address) => {
    const a = plain(address);
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address: the socket's peer, or behind trusted proxies the nearest X-Forwarded-For
 * entry that is not itself a trusted proxy (the same rule Fastify applies to `req.ip`).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy | null): string {
  const peer = socketAddress ?? '';
  if (!trust || !forwardedFor) return peer;
  const hops = [peer, ...[forwardedFor].flat().join(',').split(',').map((x) => x.trim()).filter(Boolean).reverse()];
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i]!, i)) return hops[i]!;
  return hops[hops.length - 1]!;
}
