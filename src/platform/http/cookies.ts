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
