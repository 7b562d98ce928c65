import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/features/reminders/offsets.js';
import { sendDueReminders, type ReminderDeps } from '../../src/features/reminders/service.js';
import { renewableOnline } from '../../src/features/renewal/coverage.js';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import type { PolicyTable } from '../../src/platform/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, loggedIn } from '../support/integration.js';
import { textOf } from '../support/web-client.js';

const SUBJECT = '【みらい損保】自動車保険の満期のご案内';
/** 10:00 in Japan on a calendar date. */
const japanMorning = (date: string) => new Date(`${date}T10:00:00+09:00`);
const TODAY = '2026-12-01';

for (const kind of databaseKinds()) {
  describe(`満期案内 reminders on ${kind}`, () => {
    const clock = new ManualClock(japanMorning(TODAY));
    let t: TestApp;
    let other: Db;
    let seq = 0;
    // JOBS=off: the test is the worker, calling the job's run as two workers would.
    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { JOBS: 'off', RENEWAL_REMINDER_DAYS: '60,30,7' } });
      // Two workers: on PostgreSQL two pools on one database; on SQLite one handle (two handles
      // in one process would wait on each other's lock synchronously; across processes SQLite's
      // busy timeout does that waiting).
      other = kind === 'postgres' ? t.database.open() : t.deps.db;
    });
    after(async () => t.close());

    const worker = (db: Db): ReminderDeps => ({ config: t.deps.config, db, clock, mail: t.deps.mail, renewableOnline });
    /** The reminders job's run on two workers at once. */
    const runOnTwoWorkers = () => Promise.all([sendDueReminders(worker(t.deps.db)), sendDueReminders(worker(other))]);

    /** A policy ending on endDate, with its own registered holder unless `registered: false`. */
    async function policy(endDate: string, overrides: Partial<PolicyTable> = {}, registered = true) {
      seq += 1;
      const policyNumber = `R7000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber, start_date: addDays(endDate, -365), end_date: endDate, ...overrides });
      const userId = `holder${seq}@example.com`;
      const customer = registered ? await insertCustomer(t.deps.db, { userId, password: 'Mt4sQx9v', policies: [policyNumber] }) : null;
      return { policyNumber, userId, customerId: customer?.id ?? null, password: 'Mt4sQx9v' };
    }

    // The mail the reminders queued (a test's login from a new client queues a ログインのお知らせ besides).
    const outboxTo = async (to: string) => t.deps.db.selectFrom('outbox').select(['id', 'subject']).where('to_address', '=', to).where('subject', 'not like', '%ログインのお知らせ').execute();
    const remindersOf = async (policyNumber: string) =>
      (await t.deps.db.selectFrom('renewal_reminders').selectAll().where('policy_number', '=', policyNumber).orderBy('offset_days', 'desc').execute()).map((r) => [r.end_date, r.offset_days, r.sent_at]);

    it('sends at T-60, T-30 and T-7 exactly once each, with two workers running the job at once', async () => {
      const endDate = addDays(TODAY, 60);
      const p = await policy(endDate);
      for (const [daysLeft, expected] of [[60, 1], [59, 1], [30, 2], [29, 2], [7, 3], [6, 3], [1, 3], [0, 3]] as const) {
        clock.set(japanMorning(addDays(endDate, -daysLeft)));
        await runOnTwoWorkers();
        await runOnTwoWorkers();
        const mails = await outboxTo(p.userId);
        assert.equal(mails.length, expected, `${daysLeft} days before 満期日`);
        assert.ok(mails.every((m) => m.subject === SUBJECT));
      }
      const rows = await remindersOf(p.policyNumber);
      assert.deepEqual(
        rows.map(([end, offset]) => [end, offset]),
        [[endDate, 60], [endDate, 30], [endDate, 7]],
      );
      const linked = await t.deps.db.selectFrom('renewal_reminders').select(['outbox_id', 'customer_id']).where('policy_number', '=', p.policyNumber).execute();
      const outboxIds = new Set((await outboxTo(p.userId)).map((m) => m.id));
      assert.ok(linked.every((r) => r.outbox_id !== null && outboxIds.has(r.outbox_id) && r.customer_id === p.customerId), 'each row names its mail');
      const audits = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'renewal_reminder_queued').where('subject_id', '=', p.policyNumber).execute();
      assert.equal(audits.length, 3);
      assert.ok(audits.every((a) => a.actor_kind === 'system' && a.customer_id === p.customerId));
    });

    it('a new term is a new reminder; nothing again for the old one', async () => {
      const endDate = addDays(TODAY, 400);
      const p = await policy(endDate);
      clock.set(japanMorning(addDays(endDate, -7)));
      await runOnTwoWorkers();
      const renewedEnd = addDays(endDate, 365);
      await t.deps.db.updateTable('policies').set({ start_date: endDate, end_date: renewedEnd }).where('policy_number', '=', p.policyNumber).execute();
      clock.set(japanMorning(addDays(renewedEnd, -60)));
      await runOnTwoWorkers();
      assert.deepEqual(
        (await remindersOf(p.policyNumber)).map(([end, offset]) => [end, offset]),
        [[renewedEnd, 60], [endDate, 7]],
      );
    });

    it('sends none for a policy applied for, cancelled or retired, a closed account, an opted-out customer, an unregistered holder, a product not renewed online, unreadable coverage', async () => {
      const endDate = addDays(TODAY, 800);
      const control = await policy(endDate);
      const applied = await policy(endDate);
      const closed = await policy(endDate);
      const optedOut = await policy(endDate);
      const unregistered = await policy(endDate, { email: 'walkin@example.com' }, false);
      const fire = await policy(endDate, { product: 'fire' });
      const unreadable = await policy(endDate, { vehicle_class: null });
      const cancelled = await policy(endDate, { status: 'cancelled' });
      const retired = await policy(endDate, { status: 'expired' });
      const now = japanMorning(addDays(endDate, -60)).toISOString();
      await t.deps.db
        .insertInto('renewal_applications')
        .values({
          id: newId(), reception_number: `R20270101-${String(seq).padStart(8, '0')}`, policy_number: applied.policyNumber, customer_id: applied.customerId!, current_end_date: endDate,
          new_start_date: endDate, new_end_date: addDays(endDate, 365), plan: 'same', coverage: '{}', next_grade: 15, next_accident_coefficient_years: 0, annual_premium: 58200,
          monthly_premium: null, total_payable: 58200, payment_method: 'bank', payment_method_changed: 0, payment_frequency: 'annual', quote_breakdown: '[]', confirmations: '[]', created_at: now,
        })
        .execute();
      await t.deps.db.updateTable('customers').set({ closed_at: now }).where('id', '=', closed.customerId!).execute();
      await t.deps.db.insertInto('reminder_opt_outs').values({ customer_id: optedOut.customerId!, created_at: now }).execute();
      clock.set(japanMorning(addDays(endDate, -60)));
      await runOnTwoWorkers();
      assert.equal((await outboxTo(control.userId)).length, 1, 'the control policy got its reminder');
      for (const [what, p] of Object.entries({ applied, cancelled, retired, closed, optedOut, fire, unreadable })) {
        assert.equal((await outboxTo(p.userId)).length, 0, what);
        assert.deepEqual(await remindersOf(p.policyNumber), [], what);
      }
      assert.equal((await outboxTo('walkin@example.com')).length, 0, 'unregistered');
      assert.deepEqual(await remindersOf(unregistered.policyNumber), []);
    });

    it('sends a missed reminder late, but not once the next one is due: then only the next', async () => {
      const base = addDays(TODAY, 1200);
      clock.set(japanMorning(base));
      const at45 = await policy(addDays(base, 45));
      const at25 = await policy(addDays(base, 25));
      const at6 = await policy(addDays(base, 6));
      const at61 = await policy(addDays(base, 61));
      await runOnTwoWorkers();
      assert.deepEqual((await remindersOf(at45.policyNumber)).map((r) => r[1]), [60], '45 days left: the 60-day one, late');
      assert.deepEqual((await remindersOf(at25.policyNumber)).map((r) => r[1]), [30], '25 days left: the 30-day one; the 60-day one is skipped');
      assert.deepEqual((await remindersOf(at6.policyNumber)).map((r) => r[1]), [7], '6 days left: only the 7-day one');
      assert.deepEqual(await remindersOf(at61.policyNumber), [], '61 days left: none yet');
      for (const p of [at45, at25, at6]) assert.equal((await outboxTo(p.userId)).length, 1);
    });

    it('works through many policies in batches, each once', async () => {
      const endDate = addDays(TODAY, 1600);
      const numbers: string[] = [];
      const customer = await insertCustomer(t.deps.db, { userId: 'fleet@example.com', password: 'Mt4sQx9v' });
      for (let i = 0; i < 450; i += 1) numbers.push(`F${String(i).padStart(9, '0')}`);
      const template = await insertPolicy(t.deps.db, { policy_number: numbers[0], end_date: endDate, start_date: addDays(endDate, -365) });
      await t.deps.db.insertInto('policies').values(numbers.slice(1).map((n) => ({ ...template, policy_number: n }))).execute();
      await t.deps.db.updateTable('policies').set({ customer_id: customer.id }).where('policy_number', 'in', numbers).execute();
      clock.set(japanMorning(addDays(endDate, -30)));
      const [first, second] = await runOnTwoWorkers();
      assert.equal((first.queued[30] ?? 0) + (second.queued[30] ?? 0), 450);
      assert.equal((await outboxTo('fleet@example.com')).length, 450);
      // Counted, not delivered: a later test's drain would otherwise send all 450 through SMTP (50 s).
      await t.deps.db.updateTable('outbox').set({ status: 'sent', sent_at: clock.now().toISOString() }).where('to_address', '=', 'fleet@example.com').execute();
    });

    it('the mail: the policy, 満期日, the online renewal until the day before, the service by name and top page, agency and desk; no token, no login link', async () => {
      const endDate = addDays(TODAY, 2000);
      const p = await policy(endDate, { vehicle_model: 'プリウス' });
      clock.set(japanMorning(addDays(endDate, -30)));
      await runOnTwoWorkers();
      await t.dispatcher.drain();
      const mail = await t.mail.waitFor(p.userId);
      assert.equal(mail.subject, SUBJECT);
      const text = mail.text;
      const [y, m, d] = endDate.split('-').map(Number);
      const dayBefore = addDays(endDate, -1).split('-').map(Number);
      assert.match(text, /三住 太郎 様/);
      assert.match(text, new RegExp(`証券番号:${p.policyNumber}`));
      assert.match(text, /車名:プリウス/);
      assert.match(text, new RegExp(`満期日:${y}年${m}月${d}日`));
      assert.match(text, /あと30日/);
      assert.match(text, new RegExp(`満期日の前日（${dayBefore[0]}年${dayBefore[1]}月${dayBefore[2]}日）まで、みらい損保「お客さまWebサービス」でオンラインにてお手続きいただけます`));
      assert.match(text, /取扱代理店:みらい保険サービス有限会社/);
      assert.match(text, /インターネットデスク\nTEL:0120-000-000\(無料\)\n受付時間:月~金曜日\(除く祝日・年末年始\)9:00~17:30/);
      assert.deepEqual(text.match(/https?:\/\/[^\s）]+/g), [`${t.deps.config.baseUrl}/`], 'only the top page');
      assert.doesNotMatch(text, /\?|token|\/login|\/mypage|\/renewal/);
      const row = await t.deps.db.selectFrom('outbox').select(['text_body', 'secrets_sealed']).where('to_address', '=', p.userId).executeTakeFirstOrThrow();
      assert.equal(row.secrets_sealed, null);
    });

    it('満期案内メール under 各種変更の手続き: 受け取らない stops them, 受け取る brings them back, each change audited', async () => {
      const endDate = addDays(TODAY, 2400);
      const p = await policy(endDate);
      clock.set(japanMorning(addDays(endDate, -61)));
      const client = await loggedIn(t, p.userId, p.password);
      const tab = textOf((await client.get('/mypage/changes')).html);
      assert.match(tab, /満期案内メール .* 現在の設定 受け取る 満期案内メールの設定を変更する/);
      const form = await client.get('/mypage/changes/reminders');
      assert.equal(form.status, 200);
      assert.match(form.html, /<legend>満期案内メール<\/legend>/);
      assert.match(form.html, /value="receive" checked/);

      const bad = await client.post('/mypage/changes/reminders', { reminders: 'maybe' });
      assert.equal(bad.status, 400);
      assert.match(fieldError(bad, 'reminders'), /お選びください/);

      const declined = await client.post('/mypage/changes/reminders', { reminders: 'decline' });
      assert.equal(declined.status, 303);
      assert.equal(declined.location, '/mypage/changes/reminders/complete');
      assert.match(textOf((await client.get(declined.location!)).html), /満期案内メールの設定を変更しました。 満期案内メール 受け取らない/);
      await client.post('/mypage/changes/reminders', { reminders: 'decline' });
      assert.match(textOf((await client.get('/mypage/changes')).html), /現在の設定 受け取らない/);

      clock.set(japanMorning(addDays(endDate, -60)));
      await runOnTwoWorkers();
      assert.equal((await outboxTo(p.userId)).length, 0, 'opted out');

      const later = await loggedIn(t, p.userId, p.password);
      assert.match((await later.get('/mypage/changes/reminders')).html, /value="decline" checked/);
      assert.equal((await later.post('/mypage/changes/reminders', { reminders: 'receive' })).location, '/mypage/changes/reminders/complete');
      clock.set(japanMorning(addDays(endDate, -59)));
      await runOnTwoWorkers();
      assert.equal((await outboxTo(p.userId)).length, 1, 'the 60-day one, late, once back in');

      const audits = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'reminder_mail_setting_changed').where('customer_id', '=', p.customerId).orderBy('at').execute();
      assert.deepEqual(
        audits.map((a) => [a.actor_kind, a.actor_id, JSON.parse(a.detail)]),
        [
          ['customer', p.customerId, { before: 'receive', after: 'decline' }],
          ['customer', p.customerId, { before: 'decline', after: 'receive' }],
        ],
        'the same choice again records nothing',
      );
    });

    it('refuses the setting without the CSRF token', async () => {
      const p = await policy(addDays(TODAY, 2800));
      const client = await loggedIn(t, p.userId, p.password);
      await client.get('/mypage/changes/reminders');
      client.csrf = 'forged';
      const answer = await client.post('/mypage/changes/reminders', { reminders: 'decline' });
      assert.equal(answer.status, 403);
      assert.equal((await t.deps.db.selectFrom('reminder_opt_outs').select('customer_id').where('customer_id', '=', p.customerId!).execute()).length, 0);
    });
  });
}
