// Keizoku as `serve` runs it on a database the scale bench filled (argv[2]: its DATABASE_URL),
// with 三住 太郎 and a policy in its renewal window added, on a fixed clock. Prints its URL.
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { insertCustomer } from '../../test/support/customers.js';
import { insertPolicy } from '../../test/support/factories.js';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: bench/servers/scale.ts DATABASE_URL');
// Wednesday 2026-11-25 10:00 in Japan: C123456789 (満期日 2026-12-27) can be renewed.
const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, MAINTENANCE_WINDOWS: 'none', RATE_LIMIT_PER_MINUTE: '1000000', JOBS: 'off' });
const { app, deps } = await buildApp({ config, clock });
await insertPolicy(deps.db);
await insertCustomer(deps.db, { userId: 'bench@example.com', password: 'bench1234', policies: ['C123456789'] });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
