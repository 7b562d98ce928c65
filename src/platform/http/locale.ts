import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config.js';
import { cookieOptions } from './cookies.js';
import { LANG_COOKIE, negotiateLocale, type Locale } from '../ui/i18n/locale.js';

const A_YEAR_SECONDS = 365 * 24 * 3600;

/** Each request of the site gets its language (decorated in app.ts): the remembered choice, else the browser's, else Japanese. */
export function addLocale(site: FastifyInstance): void {
  site.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale({ cookie: request.cookies[LANG_COOKIE], acceptLanguage: request.headers['accept-language'] });
  });
}

/**
 * Remembers the header link's choice for a year. Always named `keizoku_lang` (no __Host- prefix:
 * a preference, not a credential), Secure under https, not readable by scripts.
 */
export const setLocaleCookie = (config: Config, reply: FastifyReply, locale: Locale): FastifyReply =>
  reply.setCookie(LANG_COOKIE, locale, cookieOptions(config, A_YEAR_SECONDS));
