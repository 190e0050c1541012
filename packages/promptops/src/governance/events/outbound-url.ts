import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { PromptopsError } from '../../errors/index.ts';

/**
 * Webhook URLs point outside the server, so a URL must not turn it into a proxy into the private
 * network (SSRF): https only (http for loopback hooks in development), no credentials, and no
 * private, loopback, link-local (cloud metadata) or otherwise reserved address — checked on the
 * literal at registration and on every resolved address at delivery — unless the hook is allowed
 * the private network explicitly.
 */
export function checkWebhookUrl(text: string, options: { allowPrivateNetwork: boolean }): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse(`"${text}" is not a URL`);
  }
  if (url.username || url.password)
    throw refuse('a webhook URL must not carry credentials; sign with the secret instead');
  const loopbackHttp = url.protocol === 'http:' && options.allowPrivateNetwork;
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw refuse('webhook URLs use https (http only for a hook allowed the private network)');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) checkAddress(host, options);
  else if (host === 'localhost' && !options.allowPrivateNetwork)
    throw refuse('localhost is a private address');
  return url;
}

/** Refuses an address in a non-public range unless the private network is allowed. */
export function checkAddress(address: string, options: { allowPrivateNetwork: boolean }): void {
  if (options.allowPrivateNetwork) return;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range !== 'unicast') throw refuse(`${address} is a ${range} address, not a public one`);
}

/** Resolves the host and checks every address it has, just before connecting. */
export async function resolvePublicAddresses(
  url: URL,
  options: { allowPrivateNetwork: boolean },
): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [{ address: host }] : await lookup(host, { all: true });
  for (const { address } of addresses) checkAddress(address, options);
}

function refuse(message: string): PromptopsError {
  return new PromptopsError('invalid_argument', `webhook URL: ${message}`, { parameter: 'url' });
}
