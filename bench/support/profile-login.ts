// A CPU profile of the bench server under POST /login from a returning browser, 4 in flight:
//   node --import tsx bench/support/profile-login.ts [out dir]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WebClient } from '../../test/support/web-client.js';

const dir = process.argv[2] ?? 'profiles';
const seconds = Number(process.env.PROFILE_SECONDS ?? 8);
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', new URL('../servers/keizoku.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const { url } = await new Promise<{ url: string }>((resolve) => createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { url: string })));
const browser = new WebClient(url);
await browser.get('/login');
await browser.post('/login', { userId: 'bench@example.com', password: 'bench1234' });
const cookie = [...browser.cookies].filter(([name]) => name !== 'keizoku_session').map(([k, v]) => `${k}=${v}`).join('; ');
const body = new URLSearchParams({ _csrf: browser.csrf ?? '', userId: 'bench@example.com', password: 'bench1234' }).toString();
let logins = 0;
const until = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (performance.now() < until) {
      const answer = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
      await answer.arrayBuffer();
      if (answer.status !== 303) throw new Error(`login answered ${answer.status}`);
      logins += 1;
    }
  }),
);
console.log(`${(logins / seconds).toFixed(1)} logins/s`);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
