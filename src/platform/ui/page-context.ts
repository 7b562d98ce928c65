import type { FastifyReply, FastifyRequest } from 'fastify';
import { brandIn, type BrandConfig } from '../../config.js';
import type { AppDeps } from '../deps.js';
import { csrfToken } from '../http/csrf.js';
import { isDeskOpen } from '../business-calendar.js';
import { DEFAULT_LOCALE, type Locale } from './i18n/locale.js';

/** What the layout needs of the request: language, brand, desk state, CSRF token, who is logged in. */
export interface PageContext {
  /** The page's language (request.locale: keizoku_lang, else Accept-Language, else Japanese). */
  locale: Locale;
  /** This page's path and query: where the header's language link comes back to. */
  path: string;
  /** The brand in the page's language. */
  brand: BrandConfig;
  csrf: string;
  deskOpenNow: boolean;
  loggedIn: boolean;
  devMailbox: boolean;
}

export function pageContext(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): PageContext {
  const { locale } = request;
  const brand = brandIn(deps.config.brand, locale);
  let token: string | undefined;
  return {
    locale,
    path: request.url,
    brand,
    // Made when a form asks for it: pages without one cost no HMAC and set no cookie.
    get csrf() {
      token ??= csrfToken(deps, request, reply);
      return token;
    },
    deskOpenNow: isDeskOpen(deps.clock.now(), brand.deskOpen, brand.deskClose),
    loggedIn: request.session !== null,
    devMailbox: deps.config.smtpUrl === null,
  };
}

/** For answers given before any hook or plugin ran (a malformed or overlong URL): no cookies, no session. */
export function anonymousPageContext(deps: AppDeps): PageContext {
  const { brand } = deps.config;
  return {
    locale: DEFAULT_LOCALE,
    path: '/',
    brand,
    csrf: '',
    deskOpenNow: isDeskOpen(deps.clock.now(), brand.deskOpen, brand.deskClose),
    loggedIn: false,
    devMailbox: deps.config.smtpUrl === null,
  };
}
