import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import type { MailQueue } from './mail/outbox.js';
import type { WebhookQueue } from './webhooks/outbox.js';

/** What every route and service may use; built once by buildApp. No HTTP types: services take it too. */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  mail: MailQueue;
  /** Webhook events, queued in the transaction of the change (nothing is written without WEBHOOK_URL). */
  webhooks: WebhookQueue;
  /** Server secret for HMACs (CSRF) and the outbox's sealed mail secrets, kept in the settings table. */
  secret: string;
}

/** What a site passes to each feature's routes plugin. */
export interface FeatureOptions {
  deps: AppDeps;
}
