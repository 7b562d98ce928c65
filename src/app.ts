import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createDb, migrateIfPending, type Db } from './platform/db/database.js';
import { serverSecret } from './platform/db/settings.js';
import type { AppDeps } from './platform/deps.js';
import { problem, sendProblem } from './platform/http/api-context.js';
import './platform/http/context.js';
import { frameworkRejection, logInputRejection, recordInputRejections } from './platform/http/input-events.js';
import { registerOperationsRoutes } from './platform/http/operations.js';
import { registerBrandLogo } from './platform/http/brand-logo.js';
import { securityHeaders } from './platform/http/security-headers.js';
import type { Worker } from './platform/jobs/index.js';
import type { MailDispatcher } from './platform/mail/dispatcher.js';
import { loggerOptions, requestId } from './platform/logging.js';
import { enqueueMail } from './platform/mail/outbox.js';
import { webhookQueue } from './platform/webhooks/outbox.js';
import { anonymousPageContext } from './platform/ui/page-context.js';
import { DEFAULT_LOCALE } from './platform/ui/i18n/locale.js';
import { WEBAUTHN_BUNDLE_FILE, WEBAUTHN_BUNDLE_PREFIX } from './platform/ui/webauthn.js';
import { NotFoundPage } from './platform/ui/pages.js';
import { sendPage } from './platform/ui/render.js';
import { serviceJobs, startServiceWorker, stopServiceWorker } from './jobs.js';
import { apiSite } from './sites/api.js';
import { consoleSite } from './sites/console.js';
import { customerSite } from './sites/customer.js';

export interface BuildOptions {
  config: Config;
  db?: Db;
  clock?: Clock;
  /** pino level for the request log; off when absent (tests). */
  logLevel?: string;
  /** Where the log's JSON lines go (tests read them); stdout when absent. */
  logStream?: { write(line: string): void };
  /** Run migrations at build (serve, demo and tests do; a shared database may migrate separately). */
  migrate?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: AppDeps;
  dispatcher: MailDispatcher;
}

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
// @simplewebauthn/browser's own bundle, served from the installed package (no CDN; decision 0022).
// The package exports only its entry (script/index.js); the bundle lies beside it.
const webauthnBundleDir = join(dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle');

/** CSP without inline script, no framing, no referrer (tokens travel in URLs), HSTS under https. */
const pageSecurityHeaders = (config: Config) =>
  securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https://') ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    hsts: config.baseUrl.startsWith('https://'),
  });

/** Builds the whole service from a validated config, without listening: tests inject into it. */
export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options;
  const headers = pageSecurityHeaders(config);
  const app = Fastify({
    logger: options.logLevel ? { ...loggerOptions(options.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) } : false,
    // Every line of a request carries its id (reqId); a well-formed X-Request-Id from the proxy is kept.
    requestIdHeader: false,
    genReqId: requestId,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    // A malformed (bad %-encoding) or overlong URL is refused by the router before any hook: still a Japanese page, not JSON.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_BAD_URL' ? 400 : 404;
      const rejection = frameworkRejection(error);
      if (rejection) logInputRejection(request, rejection);
      reply.header('x-request-id', request.id);
      if (request.url.startsWith('/api/')) return void sendProblem(reply, problem(status, 'The URL cannot be read (bad %-encoding or too long).'));
      reply.headers(headers);
      void sendPage(reply, NotFoundPage({ ctx: anonymousPageContext(deps) }), status);
    },
  });
  const db = options.db ?? createDb(config.databaseUrl, { onPoolError: (err) => app.log.warn({ err }, 'an idle database connection failed and was dropped') });
  const clock = options.clock ?? systemClock;
  if (options.migrate !== false) await migrateIfPending(db);
  const secret = await serverSecret(db, config.secretFile);

  const jobs = serviceJobs({ config, db, clock, log: app.log, secret });
  const { dispatcher } = jobs;
  const deps: AppDeps = {
    config,
    db,
    clock,
    secret,
    mail: { enqueue: (trx, message, at) => enqueueMail(trx, message, at, secret), kick: () => dispatcher.kick() },
    webhooks: webhookQueue(config.webhook !== null),
  };
  app.decorate('deps', deps);
  // Every request has a language; the customer site negotiates it (platform/http/locale.ts), the rest stays Japanese.
  app.decorateRequest('locale', DEFAULT_LOCALE);

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers).header('x-request-id', request.id);
  });
  recordInputRejections(app);
  // br at quality 1: pages are made per request, where quality 11 would cost more than it saves;
  // on 2–3 KB pages quality 1 takes two thirds of the time of 2 for the same bytes (decision 0010).
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: /^text\/(html|css)\b/,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1, [zlib.BROTLI_PARAM_LGWIN]: 16 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 32 * 1024 });
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: webauthnBundleDir,
    prefix: WEBAUTHN_BUNDLE_PREFIX,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (path) => path === `/${WEBAUTHN_BUNDLE_FILE}`,
  });
  // Outside every site: up during maintenance windows, for load balancers and browsers.
  registerOperationsRoutes(app, { db, clock, metricsToken: config.metricsToken });
  app.get('/favicon.ico', (_request, reply) => reply.type('image/png').sendFile('favicon.png', { maxAge: '1d' }));
  if (config.brand.logo) registerBrandLogo(app, config.brand.logo);
  await app.register(customerSite, { deps });
  await app.register(consoleSite, { deps, prefix: '/console' });
  await app.register(apiSite, { deps, prefix: '/api' });

  // JOBS=off: no worker here, so kicks do nothing and mail waits for `keizoku worker`.
  let worker: Worker | null = null;
  app.addHook('onReady', async () => {
    if (config.serveRunsJobs) worker = startServiceWorker(jobs, { db, clock, log: app.log });
  });
  app.addHook('onClose', async () => {
    await stopServiceWorker(jobs, worker);
    if (!options.db) await db.destroy();
  });
  return { app, deps, dispatcher };
}
