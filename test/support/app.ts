import { createServer } from 'node:net';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/platform/clock.js';
import { createTestDatabase, type DbKind, type TestDatabase } from './db.js';
import { MailCatcher } from './mail-catcher.js';

export interface TestApp extends BuiltApp {
  baseUrl: string;
  mail: MailCatcher;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestAppOptions {
  db?: DbKind;
  clock?: Clock;
  /** Extra environment, as an operator would set it (e.g. MAINTENANCE_WINDOWS, VERIFICATION_TTL). */
  env?: Record<string, string>;
  /** Collects the log's warn and error lines (JSON, one a call; from `level` if given) instead of leaving the log off. */
  log?: { write(line: string): void; level?: string };
  /**
   * `localhost`: BASE_URL and baseUrl name the host `localhost` (still served on 127.0.0.1), as
   * WebAuthn needs: an RP ID must be a domain name, never an IP address.
   */
  host?: 'localhost';
}

/**
 * The real service on 127.0.0.1 with its own database and a real SMTP catcher.
 * Maintenance windows are off unless a test sets them, so the suite passes on Monday nights too;
 * so are 満期案内 reminders (RENEWAL_REMINDER_DAYS=none), so that a test moving its clock by hours
 * gets no reminder mail among the mail it waits for. The reminders' own tests set them.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const mail = await new MailCatcher().start();
  const database = await createTestDatabase(options.db ?? 'sqlite').catch(async (error: unknown) => {
    await mail.stop();
    throw error;
  });
  let built: BuiltApp | null = null;
  // The app (its dispatcher, its requests) before the mail catcher it delivers to, and both before the database goes.
  const close = async () => {
    try {
      // As a browser closing: a client that left a body unread would otherwise hold its connection,
      // and the close, until Fastify's keep-alive timeout (72 s).
      built?.app.server.closeAllConnections();
      await built?.app.close();
    } finally {
      try {
        await mail.stop();
      } finally {
        await database.drop();
      }
    }
  };
  try {
    const port = await freePort();
    const origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
    const config = loadConfig({
      ...(options.host ? { BASE_URL: origin } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      SMTP_URL: mail.url,
      MAINTENANCE_WINDOWS: 'none',
      RENEWAL_REMINDER_DAYS: 'none',
      ...options.env,
    });
    built = await buildApp({ config, db: database.db, ...(options.clock ? { clock: options.clock } : {}), ...(options.log ? { logLevel: options.log.level ?? 'warn', logStream: options.log } : {}) });
    await built.app.listen({ port, host: '127.0.0.1' });
    return { ...built, baseUrl: origin, mail, database, close };
  } catch (error) {
    await close();
    throw error;
  }
}
