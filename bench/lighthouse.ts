// npm run bench -- lighthouse: Lighthouse (mobile) scores of the customer site's main screens in
// Japanese and English, performance included (a timing, so a bench and not a test: issue 12 wants
// 100). Prints one line a screen; exits 1 when a score is under 100. Run it on a quiet machine.
import { loadavg } from 'node:os';
import { CATEGORIES, LANGUAGES, LOGGED_IN_SCREENS, PUBLIC_SCREENS, lighthouseSite } from '../test/support/lighthouse.js';

const site = await lighthouseSite();
let below = 0;
const measure = async (path: string) => {
  for (const language of LANGUAGES) {
    const { score, failing } = await site.scores(path, language, CATEGORIES);
    const line = CATEGORIES.map((c) => `${c} ${Math.round((score[c] ?? 0) * 100)}`).join('  ');
    const perfect = CATEGORIES.every((c) => score[c] === 1);
    if (!perfect) below += 1;
    console.log(`${path.padEnd(22)} ${language}  ${line}${perfect ? '' : `  — ${failing.join(', ')}`}`);
  }
};
try {
  console.log(`Lighthouse, mobile (load average ${loadavg()[0]?.toFixed(2)})`);
  for (const path of PUBLIC_SCREENS) await measure(path);
  await site.logIn();
  for (const path of LOGGED_IN_SCREENS) await measure(path);
} finally {
  await site.close();
}
process.exitCode = below ? 1 : 0;
