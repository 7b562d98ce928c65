import type { AppDeps } from '../deps.js';
import type { Locale } from '../ui/i18n/locale.js';

export interface CurrentSession {
  idHash: string;
  customerId: string;
  createdAt: string;
  /** When the session last proved its owner: login or a re-entry (step-up, platform/auth/recent-auth.ts). */
  authenticatedAt: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    session: CurrentSession | null;
    csrfSecret: string | null;
    /** The customer site's language for this request (platform/http/locale.ts); Japanese elsewhere. */
    locale: Locale;
    /**
     * The id hash of the session this site's forms are bound to, for a site whose sessions are
     * not the customer's (the console decorates it); undefined where the customer session binds.
     */
    csrfSession?: string | null;
  }
}
