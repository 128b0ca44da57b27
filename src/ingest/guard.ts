/**
 * Keeps fetches off private networks. An address is checked twice: when a host name is looked up,
 * and again once the socket has connected, because a literal IP in the URL skips the lookup and a
 * DNS answer can change between the two (DNS rebinding).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { Socket, TcpNetConnectOpts } from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { SourceError } from '../engine/errors.ts';

/** What each refused range is, in words a moderator reads. */
const REFUSED_RANGES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private network address',
  uniqueLocal: 'a private network address (IPv6 unique-local)',
  reserved: 'a reserved address',
};

/**
 * What kind of address `address` is when it may not be fetched from ("a loopback address"), or null when it is an ordinary public address. Only
 * ipaddr.js's `unicast` range passes; IPv4 forms inside IPv6 (mapped, translated) are judged as the
 * IPv4 address they carry.
 */
export function refusalOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.process(address); // IPv4-mapped IPv6 (::ffff:127.0.0.1) becomes its IPv4 address
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    const range = v6.range();
    // NAT64 (64:ff9b::/96) and SIIT (::ffff:0:0:0/96) carry an IPv4 address in their last 32 bits.
    if (range === 'rfc6052' || range === 'rfc6145') {
      const p = v6.parts;
      ip = new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
    }
  }
  const range = ip.range();
  if (range === 'unicast') return null;
  return REFUSED_RANGES[range] ?? `a special-purpose address (${range})`;
}

/** Throws SourceError when the address is refused and private addresses are not allowed. */
function checkAddress(host: string, address: string, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const why = refusalOf(address);
  if (why) {
    throw new SourceError(
      'private-address',
      `Byline does not fetch from private networks: ${host === address ? `${address} is` : `${host} resolves to ${address},`} ${why}.`,
    );
  }
}

/** The shape of `dns.lookup` that `net.connect` calls (with `all: true` when it tries several addresses). */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A lookup that refuses a host when any of its addresses is refused, so that a name with one public
 * and one private address cannot be used to reach the private one.
 */
export function guardedLookup(allowPrivate: boolean, lookup: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
      try {
        for (const a of addresses) checkAddress(hostname, a, allowPrivate);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, address, family);
      }
      callback(null, address, family);
    });
  };
}

export interface GuardOptions {
  /** Let private, loopback and other non-public addresses through (tests, intranets). */
  allowPrivate: boolean;
  /** Resolves host names; `dns.lookup` by default. Tests give one that maps names to 127.0.0.1. */
  lookup?: LookupFunction;
  /** Connect timeout in milliseconds. */
  connectTimeout?: number;
}

/**
 * An undici connector that checks the address at lookup and again at connect. The second check
 * runs before any byte of the request is written.
 */
export function guardedConnector(options: GuardOptions): buildConnector.connector {
  const lookup = guardedLookup(options.allowPrivate, options.lookup) as TcpNetConnectOpts['lookup'];
  const connect = buildConnector({
    lookup,
    timeout: options.connectTimeout ?? null,
  } as buildConnector.BuildOptions);
  return (connectOptions, callback) => {
    connect(connectOptions, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      try {
        const address = (socket as Socket).remoteAddress;
        if (!address) throw new SourceError('no-address', 'The connection closed before it was made.');
        checkAddress(connectOptions.hostname, address, options.allowPrivate);
      } catch (refusal) {
        socket.destroy();
        return callback(refusal as Error, null);
      }
      callback(null, socket);
    });
  };
}
