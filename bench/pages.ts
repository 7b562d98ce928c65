// Keizoku's pages against a bare Fastify page, side by side in one run, each server in its own
// process and autocannon in this one (127.0.0.1 only, bounded in time):
//   node --import tsx bench/pages.ts [seconds per row, default 5] [connections, default 50]
// Then logins/s against raw argon2id verifies/s with the same number in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { WebClient } from '../test/support/web-client.js';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 50);
const LOGINS_IN_FLIGHT = 4;
const here = fileURLToPath(new URL('.', import.meta.url));
const children: ChildProcess[] = [];

/** Starts bench/servers/<name>.ts and resolves with the JSON line it prints first. */
function start<T>(name: string, args: string[] = []): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${here}servers/${name}.ts`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it answered`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as T));
  });
}

async function loggedIn(url: string): Promise<WebClient> {
  const client = new WebClient(url);
  await client.get('/login');
  const answer = await client.post('/login', { userId: 'bench@example.com', password: 'bench1234' });
  if (answer.status !== 303) throw new Error(`bench login failed: ${answer.status}`);
  return client;
}

/**
 * POST /login as a returning browser does (its CSRF and device cookies, the form's token), with
 * LOGINS_IN_FLIGHT at once: the form is read once, so the figure is the logins themselves.
 */
async function loginsPerSecond(url: string): Promise<number> {
  // The form's token is for a browser without a session: keep it, and the device cookie of a first login.
  const browser = await loggedIn(url);
  const cookie = [...browser.cookies].filter(([name]) => name !== 'keizoku_session').map(([k, v]) => `${k}=${v}`).join('; ');
  const body = new URLSearchParams({ _csrf: browser.csrf ?? '', userId: 'bench@example.com', password: 'bench1234' }).toString();
  const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  let logins = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: LOGINS_IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        const answer = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers, body });
        await answer.arrayBuffer();
        if (answer.status !== 303) throw new Error(`bench login answered ${answer.status}`);
        logins += 1;
      }
    }),
  );
  return logins / ((performance.now() - started) / 1000);
}

const cookieOf = (client: WebClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function rate(url: string, headers: Record<string, string> = {}): Promise<{ perSecond: number; p50: number; p99: number }> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'accept-encoding': 'br, gzip', ...headers } });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

try {
  const bare = await start<{ url: string }>('bare');
  const keizoku = await start<{ url: string }>('keizoku');
  const client = await loggedIn(keizoku.url);
  await client.get('/renewal/C123456789');
  const step = await client.post('/renewal/C123456789', { vehicle_changed: 'yes', insured_changed: 'yes' });
  if (step.location !== '/renewal/C123456789/plans') throw new Error(`renewal step 1 did not move on: ${step.status} ${step.location}`);
  const session = { cookie: cookieOf(client) };

  const baseline = await rate(`${bare.url}/`, { cookie: 'sid=s1' });
  const rows: Array<[string, Awaited<ReturnType<typeof rate>>]> = [
    ['bare Fastify: cookie + 1 SQLite query + 3 KB HTML', baseline],
    ['top page `/`', await rate(`${keizoku.url}/`)],
    ['login form `/login`', await rate(`${keizoku.url}/login`)],
    ['home `/mypage` (logged in)', await rate(`${keizoku.url}/mypage`, session)],
    ['renewal step `/renewal/…/plans`', await rate(`${keizoku.url}/renewal/C123456789/plans`, session)],
  ];

  const raw = await start<{ perSecond: number }>('argon2', [String(seconds), String(LOGINS_IN_FLIGHT)]);
  const loginRate = await loginsPerSecond(keizoku.url);

  console.log(`Pages against the bare page, one run: ${connections} connections, ${seconds} s a row, Node ${process.version}, 127.0.0.1`);
  console.log('| page | requests/s | ratio to bare | p50 ms | p99 ms |\n|---|---|---|---|---|');
  for (const [label, r] of rows) console.log(`| ${label} | ${Math.round(r.perSecond)} | ${(r.perSecond / baseline.perSecond).toFixed(2)} | ${r.p50} | ${r.p99} |`);
  console.log(`logins (POST /login from a returning browser, ${LOGINS_IN_FLIGHT} in flight): ${loginRate.toFixed(1)}/s; raw argon2id verifies (${LOGINS_IN_FLIGHT} in flight): ${raw.perSecond.toFixed(1)}/s; ratio ${(loginRate / raw.perSecond).toFixed(2)}`);
} finally {
  for (const child of children) child.kill();
}
