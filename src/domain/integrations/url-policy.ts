// SSRF guard for webhook targets (issue 5): in production only https URLs whose every address is public,
// checked when an endpoint is saved and again, on the very addresses connected to, at each delivery.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Ranges a webhook must never reach: loopback, private, link-local (cloud metadata), CGNAT, ULA, multicast, reserved. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  // NAT64 and 6to4 embed IPv4 addresses, which could be private ones.
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv6");
}

/** True for an address a webhook may be sent to. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as its IPv4 address. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface UrlPolicy {
  /** Outside production, loopback and private targets are allowed (local receivers, tests). */
  allowPrivate: boolean;
}

export type UrlRefusal = "invalid" | "https" | "private" | "unresolvable";

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: UrlRefusal };

/** The policy for this process: production (NODE_ENV=production) refuses private targets. */
export function urlPolicyFor(nodeEnv: string | undefined): UrlPolicy {
  return { allowPrivate: nodeEnv !== "production" };
}

function hostOf(url: URL): string {
  // WHATWG URL keeps IPv6 literals in brackets and has already normalized 0x7f.1-style IPv4 forms.
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Checks a webhook URL: shape, scheme and (in production) every address its host resolves to. */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "invalid" };
  // Credentials in the URL would be stored and shown in lists; the signature authenticates us instead.
  if (url.username || url.password) return { ok: false, reason: "invalid" };
  if (policy.allowPrivate) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "https" };
  const host = hostOf(url);
  if (isIP(host)) return isPublicAddress(host) ? { ok: true, url } : { ok: false, reason: "private" };
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: "unresolvable" };
  }
  if (addresses.length === 0) return { ok: false, reason: "unresolvable" };
  return addresses.every((a) => isPublicAddress(a.address)) ? { ok: true, url } : { ok: false, reason: "private" };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses non-public addresses: the connection goes to the address checked here,
 * so a DNS answer that changed since the endpoint was saved (rebinding) can't reach an internal host.
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true } as { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = !policy.allowPrivate && addresses.some((a) => !isPublicAddress(a.address));
      if (refused || addresses.length === 0) {
        const denied = Object.assign(new Error(`webhook target ${hostname} resolves to a non-public address`), { code: "EADDRNOTPUBLIC" });
        return callback(denied, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
