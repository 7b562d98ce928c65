import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/database.js';
import type { TestApp } from './app.js';

export interface SecondInstance {
  built: BuiltApp;
  db: Db;
  baseUrl: string;
  close(): Promise<void>;
}

/** A second instance of the service on the same database, as behind a load balancer. */
export async function secondInstance(t: TestApp, clock?: Clock): Promise<SecondInstance> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: t.database.url, SMTP_URL: t.mail.url, MAINTENANCE_WINDOWS: 'none' });
  // Through the test database, so it is closed before the database is dropped.
  const db = t.database.open();
  const built = await buildApp({ config, db, ...(clock ? { clock } : {}), migrate: false });
  const baseUrl = await built.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    built,
    db,
    baseUrl,
    async close() {
      await built.app.close();
    },
  };
}
