import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrandConfig } from '../../config.js';
import type { AppDeps } from '../deps.js';
import { csrfToken } from '../http/csrf.js';
import { isDeskOpen } from '../business-calendar.js';

/** What the layout needs of the request: brand, desk state, CSRF token, who is logged in. */
export interface PageContext {
  brand: BrandConfig;
  csrf: string;
  deskOpenNow: boolean;
  loggedIn: boolean;
  devMailbox: boolean;
}

export function pageContext(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): PageContext {
  const { brand } = deps.config;
  let token: string | undefined;
  return {
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
    brand,
    csrf: '',
    deskOpenNow: isDeskOpen(deps.clock.now(), brand.deskOpen, brand.deskClose),
    loggedIn: false,
    devMailbox: deps.config.smtpUrl === null,
  };
}
