import type { Config } from '../../config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDb, describeDatabaseUrl, migrateToLatest, type Db } from '../../platform/db/database.js';
import { formatReport } from '../../features/policy-import/report.js';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET } from './staff.js';
import { DEMO_CUSTOMER, loadDemoData } from './service.js';

/** `keizoku demo`, before serving: migrate DATABASE_URL and load the demo data (again is fine). */
export async function prepareDemo(config: Config, clock: Clock = systemClock): Promise<number> {
  const where = describeDatabaseUrl(config.databaseUrl);
  let db: Db | undefined;
  try {
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    const report = await loadDemoData(db, clock.now(), undefined, config.secretFile);
    console.log(`demo data in ${where}: ${report.agencies} agencies, ${report.news} news items`);
    console.log(`console staff with the demo credentials: ${report.staff}`);
    for (const line of formatReport(report.policies, 'demo/policies.csv')) console.log(line);
    for (const line of formatReport(report.examples, 'demo/expiry-examples.csv')) console.log(line);
    return report.policies.rejected.length || report.examples.rejected.length ? 1 : 0;
  } catch (error) {
    console.error(`cannot prepare the demo in ${where}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

const smtpHost = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'SMTP_URL';
  }
};

/** What to try, printed once the demo serves. */
export function demoBanner(config: Config): string {
  const url = config.baseUrl;
  const mail = config.smtpUrl
    ? `SMTP_URL is set: the mail goes to ${smtpHost(config.smtpUrl)}, not to the dev mailbox.`
    : `Read the mail in the dev mailbox: ${url}/dev/mailbox`;
  return [
    '',
    `Keizoku demo (${config.brand.name}, fictional) is running at ${url}`,
    '',
    'Try this:',
    `  1. Open ${url}, choose みらい保険サービス有限会社, press ログイン, then 初めてご利用いただく方はこちら.`,
    '  2. Register as 三住 太郎 / ミツスミ タロウ / 1975-01-01 / 証券番号 C123456789 with your own e-mail address.',
    `  3. ${mail}`,
    '     Open its link, enter the keyword shown on screen, and choose your user ID and password.',
    `  4. A 満期案内 (renewal reminder) went to ${DEMO_CUSTOMER.familyName} ${DEMO_CUSTOMER.givenName}, the demo's registered customer, whose policy`,
    `     ${DEMO_CUSTOMER.policyNumber} ends in 60 days (read it as in 3.); log in as ${DEMO_CUSTOMER.userId} / ${DEMO_CUSTOMER.password} to see 各種変更の手続き → 満期案内メール.`,
    '',
    `Staff console (demo only credentials): ${url}/console/login`,
    '  logins demo-admin (admin), demo-desk (desk), demo-d0001 and demo-d0002 (agency staff)',
    `  password ${DEMO_STAFF_PASSWORD}`,
    `  TOTP: add a time-based key to your authenticator app: ${DEMO_TOTP_SECRET.replace(/(.{4})(?=.)/g, '$1 ')}`,
    '',
    'Stop with Ctrl+C.',
  ].join('\n');
}
