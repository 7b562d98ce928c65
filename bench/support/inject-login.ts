// Process and main-thread CPU of a login through app.inject, one at a time, against a verify alone:
//   node --import tsx bench/support/inject-login.ts [count]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { hashSecret, verifySecret } from '../../src/platform/crypto.js';
import { insertCustomer } from '../../test/support/customers.js';
import { insertPolicy } from '../../test/support/factories.js';

const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
const dir = mkdtempSync(join(tmpdir(), 'keizoku-inject-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dir, 'keizoku.db'), MAINTENANCE_WINDOWS: 'none', RATE_LIMIT_PER_MINUTE: '1000000' });
const { app, deps } = await buildApp({ config, clock });
await insertPolicy(deps.db);
await insertCustomer(deps.db, { userId: 'bench@example.com', password: 'bench1234', policies: ['C123456789'] });
const form = await app.inject({ url: '/login' });
const cookies = Object.fromEntries(form.cookies.map((c) => [c.name, c.value]));
const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
const login = () => app.inject({ method: 'POST', url: '/login', cookies, payload: { _csrf: csrf, userId: 'bench@example.com', password: 'bench1234' } });
const first = await login();
for (const c of first.cookies) if (c.name !== 'keizoku_session') cookies[c.name] = c.value;
const hash = await hashSecret('bench1234');
const n = Number(process.argv[2] ?? 40);
const measure = async (label: string, run: () => Promise<unknown>) => {
  const all = process.cpuUsage();
  const main = process.threadCpuUsage();
  for (let i = 0; i < n; i += 1) await run();
  const a = process.cpuUsage(all);
  const m = process.threadCpuUsage(main);
  console.log(`${label}: process ${Math.round((a.user + a.system) / n)} µs (system ${Math.round(a.system / n)}), main thread ${Math.round((m.user + m.system) / n)} µs`);
};
for (let round = 0; round < 2; round += 1) {
  await measure('verify alone', () => verifySecret(hash, 'bench1234'));
  await measure('POST /login', async () => {
    const r = await login();
    if (r.statusCode !== 303) throw new Error(String(r.statusCode));
  });
}
await app.close();
