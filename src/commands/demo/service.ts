import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { serverSecret } from '../../platform/db/settings.js';
import { upsertReadyStaff } from '../../features/console/staff-service.js';
import { importPolicies, type ImportReport } from '../../features/policy-import/service.js';
import { addDays, DEMO_EXAMPLE_OFFSETS, demoEndDate, moveTerm } from './dates.js';
import { demoStaff } from './staff.js';
import { hashSecret } from '../../platform/crypto.js';
import { ensureDemoCustomer, upsertAgencies, upsertNews } from './repository.js';

/** demo/ at the repository root (the same from src/ and dist/). */
export const DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url));

const agenciesFile = z.object({
  agencies: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string().min(1),
      news: z.array(z.object({ id: z.uuid(), days_ago: z.number().int().min(0), title: z.string().min(1), body: z.string().min(1) })),
    }),
  ),
});

/**
 * The demo's registered customer (fictional): 山田 花子, whose policy C445566778 ends 60 days from
 * today, so her first 満期案内 is in the dev mailbox right after the demo starts (serve runs the
 * reminders job at once). She can log in with these; 三住 太郎 stays unregistered for the walk-through.
 */
export const DEMO_CUSTOMER = {
  userId: 'hanako@example.com',
  password: 'Hanako2026',
  familyName: '山田',
  givenName: '花子',
  familyKana: 'ヤマダ',
  givenKana: 'ハナコ',
  birthDate: '1985-04-12',
  policyNumber: 'C445566778',
} as const;

export interface DemoReport {
  agencies: number;
  news: number;
  /** Console accounts with the demo's fixed password and TOTP secret (demo/staff.ts). */
  staff: number;
  policies: ImportReport;
  /** demo/expiry-examples.csv: more policies for 満期管理 (満期経過, 解約). */
  examples: ImportReport;
}

/**
 * Loads the demo: the agencies and their news from demo/agencies.json (news dated relative to
 * today), then demo/policies.csv through the policy import, each policy's term moved so that it
 * ends where DEMO_END_OFFSETS says, demo/expiry-examples.csv likewise (DEMO_EXAMPLE_OFFSETS), and the console's demo staff (an admin, a desk user, one user
 * per agency). Loading again updates in place.
 */
export async function loadDemoData(db: Db, now: Date, dir: string = DEMO_DIR, secretFile: string | null = null): Promise<DemoReport> {
  const today = japanDate(now);
  const at = now.toISOString();
  const { agencies } = agenciesFile.parse(JSON.parse(await readFile(`${dir}/agencies.json`, 'utf8')));
  const news = agencies.flatMap((a) =>
    a.news.map((n) => ({ id: n.id, agencyCode: a.code, publishedOn: addDays(today, -n.days_ago), title: n.title, body: n.body })),
  );
  await db.transaction().execute(async (trx) => {
    await upsertAgencies(trx, agencies, at);
    await upsertNews(trx, news, at);
  });
  const policies = await importPolicies(db, `${dir}/policies.csv`, {
    now,
    // Line 2 holds the first policy.
    adjust: (policy, line) => ({ ...policy, ...moveTerm(policy, demoEndDate(line - 2, today)) }),
  });
  const examples = await importPolicies(db, `${dir}/expiry-examples.csv`, {
    now,
    adjust: (policy, line) => ({ ...policy, ...moveTerm(policy, demoEndDate(line - 2, today, DEMO_EXAMPLE_OFFSETS)) }),
  });
  const staff = await upsertReadyStaff(db, await serverSecret(db, secretFile), now, demoStaff(agencies));
  const { password, ...customer } = DEMO_CUSTOMER;
  // Loading again keeps the account as it is (a password changed in the demo stays changed).
  await ensureDemoCustomer(db, { ...customer, passwordHash: await hashSecret(password) }, at);
  return { agencies: agencies.length, news: news.length, staff, policies, examples };
}
