// Raw argon2id verifies per second at the production parameters, with N in flight:
//   node --import tsx bench/servers/argon2.ts SECONDS IN_FLIGHT   → prints {"perSecond": …, "cpuMicrosEach": …}
import { hashSecret, verifySecret } from '../../src/platform/crypto.js';

const seconds = Number(process.argv[2] ?? 5);
const inFlight = Number(process.argv[3] ?? 4);
const hash = await hashSecret('bench1234');
let done = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const until = started + seconds * 1000;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (performance.now() < until) {
      await verifySecret(hash, 'bench1234');
      done += 1;
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
const perSecond = done / ((performance.now() - started) / 1000);
process.stdout.write(`${JSON.stringify({ perSecond, cpuMicrosEach: (cpu.user + cpu.system) / done })}\n`);
