import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Which browser pages may use the relay with the signed-in person's cookie. SameSite=Strict does not
 * tell a page on another port of the same host from the app (both are the same site), so browser
 * socket.io handshakes and state-changing REST requests are checked by their `Origin` header: it must
 * be the relay's own origin (from the Host header and scheme) or listed in `ALLOWED_ORIGINS`.
 * Requests without an Origin (edges, curl, Node clients) are not from a browser page and pass.
 */

/** What the decision reads from a request. */
export interface OriginRequest {
  /** The `Origin` header, if any. */
  origin: string | undefined;
  /** The `Host` header, if any. */
  host: string | undefined;
  /** Whether the request came over TLS to this server. */
  secure: boolean;
}

/** `null` when the request may go on; otherwise the refusal's message (for a 403). */
export type OriginCheck = (req: OriginRequest) => string | null;

/** `scheme://host[:port]` as a browser writes it in `Origin` (lower case, default port left out), or why not. */
function asOrigin(text: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'is not an origin (write it as scheme://host[:port])' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'is not an origin: the scheme must be http or https' };
  if (url.username || url.password || url.search || url.hash || text.includes('?') || text.includes('#')) {
    return { problem: 'is not an origin (write it as scheme://host[:port])' };
  }
  // URL accepts "https://x/" and "https://x/app"; an Origin header never has a path.
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]*\//i.test(text)) return { problem: 'is not an origin: write it as scheme://host[:port] with no path' };
  return { origin: url.origin };
}

/** Parses `ALLOWED_ORIGINS` (comma-separated exact origins); throws naming the entry that is wrong. */
export function parseAllowedOrigins(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry) => {
    const trimmed = entry.trim();
    if (!trimmed) throw new Error('has an empty entry (origins are separated by single commas)');
    const parsed = asOrigin(trimmed);
    if ('problem' in parsed) throw new Error(`${JSON.stringify(trimmed)} ${parsed.problem}`);
    return parsed.origin;
  });
}

/** The origin a browser page served by this relay has, or null when the Host header is missing or not a host. */
function ownOrigin(host: string | undefined, secure: boolean): string | null {
  if (!host) return null;
  const parsed = asOrigin(`${secure ? 'https' : 'http'}://${host}`);
  return 'origin' in parsed ? parsed.origin : null;
}

/** The decision, with the extra allowed origins (validated here too, so a bad list fails at start). */
export function createOriginCheck(allowed: readonly string[]): OriginCheck {
  const extra = new Set(parseAllowedOrigins(allowed.join(',')));
  return ({ origin, host, secure }) => {
    if (origin === undefined) return null;
    const own = ownOrigin(host, secure);
    const parsed = asOrigin(origin);
    // Normalised origins compared exactly: "null", joined duplicate headers and paths never match.
    if ('origin' in parsed && (parsed.origin === own || extra.has(parsed.origin))) return null;
    const shown = origin.length > 100 ? `${origin.slice(0, 100)}…` : origin;
    return `forbidden: origin ${shown} is not allowed (this relay is ${own ?? 'unknown: no Host header'}; others go in ALLOWED_ORIGINS)`;
  };
}

/** The decision's inputs from a Node request (Fastify's `req.raw`, or engine.io's handshake request). */
export function originRequestOf(req: IncomingMessage): OriginRequest {
  return { origin: req.headers.origin, host: req.headers.host, secure: (req.socket as TLSSocket).encrypted === true };
}
