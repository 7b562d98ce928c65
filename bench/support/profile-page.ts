// A CPU profile of the bench server (bench/servers/keizoku.ts) under autocannon on one page, logged in:
//   PROFILE_SECONDS=15 node --import tsx bench/support/profile-page.ts /mypage [out dir]
// then read the .cpuprofile in Chrome DevTools or any profile viewer.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { WebClient } from '../../test/support/web-client.js';
const path = process.argv[2] ?? '/mypage';
const dir = process.argv[3] ?? 'profiles';
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', new URL('../servers/keizoku.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const { url } = await new Promise<{ url: string }>((resolve) => createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { url: string })));
const client = new WebClient(url);
await client.get('/login');
await client.post('/login', { userId: 'bench@example.com', password: 'bench1234' });
await client.get('/renewal/C123456789');
await client.post('/renewal/C123456789', { vehicle_changed: 'yes', insured_changed: 'yes' });
const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const r = await autocannon({ url: url + path, connections: 20, duration: Number(process.env.PROFILE_SECONDS ?? 6), headers: { 'accept-encoding': 'br, gzip', cookie } });
console.log(path, r.requests.average, 'non2xx', r.non2xx);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
