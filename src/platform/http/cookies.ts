import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config.js';

const isHttps = (config: Config) => config.baseUrl.startsWith('https://');

/** `__Host-` names and Secure under https, as the baseline asks. */
export function cookieName(config: Config, base: string): string {
  return isHttps(config) ? `__Host-${base}` : base;
}

export function cookieOptions(config: Config, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(config),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * Sent with a logout's answer (ASVS 14.3.1): the browser drops what it cached of the signed-in
 * pages and the origin's storage, so nothing of the session stays behind on a shared PC. Not
 * "cookies": that clears the whole registrable domain (the insurer's other hosts, the device
 * cookie, the other site's session); the session cookie itself is removed by the logout (decision 0021).
 */
export const CLEAR_SITE_DATA = '"cache", "storage"';
