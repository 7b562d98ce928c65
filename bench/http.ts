// Pages and logins under load, on 127.0.0.1 only and bounded in time:
//   node --import tsx bench/http.ts [seconds per page, default 5]
// SQLite (a temp file), 10 connections per page, then logins (argon2id-bound) from 2 clients.
import autocannon from 'autocannon';
import { startTestApp } from '../test/support/app.js';
import { insertCustomer } from '../test/support/customers.js';
import { insertPolicy } from '../test/support/factories.js';
import { WebClient } from '../test/support/web-client.js';

const seconds = Number(process.argv[2] ?? 5);
const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
await insertPolicy(t.deps.db);
await insertCustomer(t.deps.db, { userId: 'bench@example.com', password: 'bench1234', policies: ['C123456789'] });

async function loggedInCookie(): Promise<string> {
  const client = new WebClient(t.baseUrl);
  await client.get('/login');
  const answer = await client.post('/login', { userId: 'bench@example.com', password: 'bench1234' });
  if (answer.status !== 303) throw new Error(`bench login failed: ${answer.status}`);
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

const rows: string[] = [];
async function page(label: string, path: string, headers: Record<string, string> = {}): Promise<void> {
  const result = await autocannon({ url: `${t.baseUrl}${path}`, connections: 10, duration: seconds, headers });
  if (result.non2xx || result.errors) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  rows.push(`| ${label} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} |`);
}

await page('top page `/`', '/');
await page('agency page', '/agency/D0001');
await page('login form `/login`', '/login');
await page('home `/mypage` (logged in)', '/mypage', { cookie: await loggedInCookie() });

// Logins: each one verifies an argon2id hash (m=19456 KiB, t=2, p=1) and starts a session.
let logins = 0;
const until = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(
  [0, 1].map(async () => {
    while (Date.now() < until) {
      await loggedInCookie();
      logins += 1;
    }
  }),
);
const loginRate = logins / ((Date.now() - started) / 1000);

console.log(`HTTP on 127.0.0.1, SQLite, ${seconds} s per row, Node ${process.version}`);
console.log('| page | requests/s (mean) | latency p50 ms | latency p99 ms |\n|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`logins (GET form + POST, 2 clients): ${loginRate.toFixed(1)}/s`);
console.log(`server RSS after the run: ${Math.round(process.memoryUsage().rss / 1048576)} MiB (bench and server share the process)`);
await t.close();
