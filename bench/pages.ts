// Keizoku's pages against a bare Fastify page, side by side in one run, each server in its own
// process and autocannon in this one (127.0.0.1 only, bounded in time):
//   node --import tsx bench/pages.ts [seconds per row, default 5] [connections, default 50]
// Then logins/s against a bare login (a form POST, one query, one argon2id verify, a cookie, a
// 303: bench/servers/bare.ts) driven by the same client with the same number in flight, and
// against raw argon2id verifies/s in a process of their own. Beside each rate,
// the server's CPU time per request (process.cpuUsage() of the server process, over IPC): steady
// when the machine is shared, where requests/s are not; it is the figure to optimise.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { WebClient } from '../test/support/web-client.js';
import { renewalAtPlans } from './support/renewal-step.js';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 50);
const LOGINS_IN_FLIGHT = 4;
const here = fileURLToPath(new URL('.', import.meta.url));
const children: ChildProcess[] = [];

/** Starts bench/servers/<name>.ts and resolves with the JSON line it prints first, and the process. */
function start<T>(name: string, args: string[] = []): Promise<T & { child: ChildProcess }> {
  const node = [...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx'];
  const child = spawn(process.execPath, [...node, `${here}servers/${name}.ts`, ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it answered`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ ...(JSON.parse(line) as T), child }));
  });
}

/** The server's CPU time so far (user + system, µs, all its threads), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const answer = (message: unknown) => {
      const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', answer);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', answer);
    child.send('cpu');
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
async function keizokuLogins(url: string): Promise<{ perSecond: number; done: number }> {
  // The form's token is for a browser without a session: keep it, and the device cookie of a first login.
  const browser = await loggedIn(url);
  const cookie = [...browser.cookies].filter(([name]) => name !== 'keizoku_session').map(([k, v]) => `${k}=${v}`).join('; ');
  const body = new URLSearchParams({ _csrf: browser.csrf ?? '', userId: 'bench@example.com', password: 'bench1234' }).toString();
  return loginsPerSecond(url, { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body);
}

const bareLogins = (url: string) =>
  loginsPerSecond(url, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ userId: 'bench@example.com', password: 'bench1234' }).toString());

async function loginsPerSecond(url: string, headers: Record<string, string>, body: string): Promise<{ perSecond: number; done: number }> {
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
  return { perSecond: logins / ((performance.now() - started) / 1000), done: logins };
}

const cookieOf = (client: WebClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

interface Rate {
  perSecond: number;
  p50: number;
  p99: number;
  /** The server's CPU µs per request. */
  cpuEach: number;
}

async function rate(server: { child: ChildProcess }, url: string, headers: Record<string, string> = {}): Promise<Rate> {
  const before = await cpuOf(server.child);
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'accept-encoding': 'br, gzip', ...headers } });
  const cpuEach = (await cpuOf(server.child)) - before;
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuEach: cpuEach / result.requests.total };
}

try {
  const bare = await start<{ url: string }>('bare');
  const keizoku = await start<{ url: string }>('keizoku');
  const client = await loggedIn(keizoku.url);
  const plans = await renewalAtPlans(client);
  const session = { cookie: cookieOf(client) };

  const baseline = await rate(bare, `${bare.url}/`, { cookie: 'sid=s1' });
  const rows: Array<[string, Rate]> = [
    ['bare Fastify: cookie + 1 SQLite query + 3 KB HTML', baseline],
    ['top page `/`', await rate(keizoku, `${keizoku.url}/`)],
    ['login form `/login`', await rate(keizoku, `${keizoku.url}/login`)],
    ['home `/mypage` (logged in)', await rate(keizoku, `${keizoku.url}/mypage`, session)],
    ['renewal step `/renewal/…/plans`', await rate(keizoku, `${keizoku.url}${plans}`, session)],
  ];

  const raw = await start<{ perSecond: number; cpuMicrosEach: number }>('argon2', [String(seconds), String(LOGINS_IN_FLIGHT)]);
  const timedLogins = async (server: { child: ChildProcess }, run: () => Promise<{ perSecond: number; done: number }>) => {
    const before = await cpuOf(server.child);
    const result = await run();
    return { ...result, cpuEach: ((await cpuOf(server.child)) - before) / result.done };
  };
  const bareLogin = await timedLogins(bare, () => bareLogins(bare.url));
  const logins = await timedLogins(keizoku, () => keizokuLogins(keizoku.url));

  console.log(`Pages against the bare page, one run: ${connections} connections, ${seconds} s a row, Node ${process.version}, 127.0.0.1`);
  console.log('| page | requests/s | ratio to bare | server CPU µs/request | CPU ratio (bare ÷ page) | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|');
  const cells = (r: Rate) => [Math.round(r.perSecond), (r.perSecond / baseline.perSecond).toFixed(2), Math.round(r.cpuEach), (baseline.cpuEach / r.cpuEach).toFixed(2), r.p50, r.p99];
  for (const [label, r] of rows) console.log(`| ${label} | ${cells(r).join(' | ')} |`);
  console.log(`\nLogins, ${LOGINS_IN_FLIGHT} in flight, production argon2id:`);
  console.log('| login | per second | ratio to bare login | server CPU µs each | CPU ratio (bare ÷ this) |\n|---|---|---|---|---|');
  const loginRow = (label: string, r: { perSecond: number; cpuEach: number }) =>
    console.log(`| ${label} | ${r.perSecond.toFixed(1)} | ${(r.perSecond / bareLogin.perSecond).toFixed(2)} | ${Math.round(r.cpuEach)} | ${(bareLogin.cpuEach / r.cpuEach).toFixed(2)} |`);
  loginRow('bare login: form POST + 1 query + argon2id verify + cookie + 303', bareLogin);
  loginRow('Keizoku POST /login from a returning browser', logins);
  loginRow('raw argon2id verifies in a process of their own (no HTTP, no client beside)', { perSecond: raw.perSecond, cpuEach: raw.cpuMicrosEach });
} finally {
  for (const child of children) child.kill();
}
