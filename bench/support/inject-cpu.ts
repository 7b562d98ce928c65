// CPU µs per request of one page through app.inject (no sockets): quick A/B of app-level changes.
//   node --import tsx bench/support/inject-cpu.ts /mypage [count]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { insertCustomer } from '../../test/support/customers.js';
import { insertPolicy } from '../../test/support/factories.js';

const path = process.argv[2] ?? '/mypage';
const count = Number(process.argv[3] ?? 3000);
const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
const dir = mkdtempSync(join(tmpdir(), 'keizoku-inject-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dir, 'keizoku.db'), MAINTENANCE_WINDOWS: 'none', RATE_LIMIT_PER_MINUTE: '1000000' });
const { app, deps } = await buildApp({ config, clock });
await insertPolicy(deps.db);
await insertCustomer(deps.db, { userId: 'bench@example.com', password: 'bench1234', policies: ['C123456789'] });
const form = await app.inject({ url: '/login' });
const cookies = Object.fromEntries(form.cookies.map((c) => [c.name, c.value]));
const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
const login = await app.inject({ method: 'POST', url: '/login', cookies, payload: { _csrf: csrf, userId: 'bench@example.com', password: 'bench1234' } });
for (const c of login.cookies) cookies[c.name] = c.value;
if (login.statusCode !== 303) throw new Error(`login ${login.statusCode}`);
const headers = { 'accept-encoding': 'br, gzip' };
for (let i = 0; i < 300; i += 1) await app.inject({ url: path, cookies, headers });
const check = await app.inject({ url: path, cookies, headers });
if (check.statusCode !== 200) throw new Error(`${path} ${check.statusCode}`);
// Rounds of count ÷ 10 requests; the least CPU of a round is the figure least disturbed by a shared machine.
const rounds: number[] = [];
for (let round = 0; round < 10; round += 1) {
  const before = process.cpuUsage();
  for (let i = 0; i < count / 10; i += 1) await app.inject({ url: path, cookies, headers });
  const cpu = process.cpuUsage(before);
  rounds.push((cpu.user + cpu.system) / (count / 10));
}
rounds.sort((a, b) => a - b);
console.log(`${path}: ${Math.round(rounds[0]!)} µs CPU a request at least, ${Math.round(rounds[5]!)} median (inject, ${count} in 10 rounds)`);
await app.close();
