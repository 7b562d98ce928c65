import type { AppDeps } from '../deps.js';

export interface CurrentSession {
  idHash: string;
  customerId: string;
  createdAt: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    session: CurrentSession | null;
    csrfSecret: string | null;
  }
}
