import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock, formatDateTimeJa } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';

// お知らせ on both dialects: add, edit, publish, unpublish and delete from the console, what the
// public agency page shows (escaped, line by line, only when published), messages next to the
// fields with what was typed kept, nothing half-saved, and every change audited with before/after.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-News-2026';

const rowsOf = (html: string): string[] => [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => textOf(m[1]!)).filter((r) => !r.startsWith('掲載日'));
const fieldError = (html: string, name: string) => textOf(new RegExp(`<p class="error" id="f-${name}-error" role="alert">(.*?)</p>`, 's').exec(html)?.[1] ?? '');
const newsSection = (html: string) => /<section class="news"[^>]*>(.*?)<\/section>/s.exec(html)?.[1] ?? '';

for (const kind of databaseKinds()) {
  describe(`お知らせ on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;

    async function staff(login: string): Promise<WebClient> {
      clock.advance(30_000);
      const client = new WebClient(t.baseUrl);
      const answer = await staffLogin(client, login, PASSWORD, codeAt(SECRET, clock.now()));
      assert.equal(answer.status, 303, textOf(answer.html));
      return client;
    }

    const audits = (kindName: string) => t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', kindName).orderBy('at').execute();
    const newsCount = async () => Number((await t.deps.db.selectFrom('agency_news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await insertPolicy(t.deps.db);
      await insertPolicy(t.deps.db, { policy_number: 'C223344556', agency_code: 'D0002' });
      await t.deps.db.updateTable('agencies').set({ name: 'あおば保険事務所' }).where('code', '=', 'D0002').execute();
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [
        { login: 'agency.one', name: '代理 一子', role: 'agency', agencyCode: 'D0001', password: PASSWORD, totpSecret: SECRET },
        { login: 'admin.one', name: '管理 二郎', role: 'admin', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
        { login: 'desk.one', name: '窓口 三子', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
      ]);
    });
    after(async () => t.close());

    it('refuses bad entries next to each field, keeping what was typed, and saves nothing', async () => {
      const agency = await staff('agency.one');
      await agency.get('/console/news/new');
      const bad = await agency.post('/console/news', { title: '', published_on: '2026-02-30', body: 'い'.repeat(2001) });
      assert.equal(bad.status, 400);
      assert.equal(fieldError(bad.html, 'title'), 'タイトルを入力してください。');
      assert.equal(fieldError(bad.html, 'published_on'), '掲載日を正しく入力してください（例：2026-12-01）。');
      assert.equal(fieldError(bad.html, 'body'), '本文は2000文字以内で入力してください。');
      assert.ok(bad.html.includes('value="2026-02-30"'), 'the date typed is kept');
      assert.ok(bad.html.includes(`>${'い'.repeat(2001)}</textarea>`), 'the body typed is kept');
      const long = await agency.post('/console/news', { title: 'あ'.repeat(101), published_on: '2026-12-01', body: '<b>本文</b>' });
      assert.equal(fieldError(long.html, 'title'), 'タイトルは100文字以内で入力してください。');
      assert.ok(long.html.includes('&lt;b>本文&lt;/b></textarea>') || long.html.includes('&lt;b&gt;本文&lt;/b&gt;</textarea>'), 'the body is shown escaped');
      assert.equal(await newsCount(), 0);
      assert.equal((await agency.post('/console/news', { title: ['a', 'b'], published_on: {} as unknown as string, body: 'x' })).status, 400, 'odd shapes are messages, not errors');
    });

    it('adds news unpublished, edits it, publishes it onto the agency page line by line and escaped, unpublishes and deletes it', async () => {
      const agency = await staff('agency.one');
      await agency.get('/console/news/new');
      const created = await agency.post('/console/news', { title: '年末年始の営業について', published_on: '2026-12-01', body: '12月29日から休業します。' });
      assert.equal(created.status, 303);
      assert.equal(created.location, '/console/news?done=created');
      const list = await agency.get(created.location!);
      assert.match(textOf(list.html), /お知らせを追加しました（非公開）/);
      assert.deepEqual(rowsOf(list.html), [`2026年12月1日 年末年始の営業について 非公開 ${formatDateTimeJa(clock.now())} 編集 公開する`]);
      const id = (await t.deps.db.selectFrom('agency_news').select('id').executeTakeFirstOrThrow()).id;
      assert.doesNotMatch(newsSection((await new WebClient(t.baseUrl).get('/agency/D0001')).html), /年末年始/, 'unpublished news is not on the page');

      await agency.get(`/console/news/${id}`);
      clock.advance(60_000);
      const body = '12月29日から1月3日まで休業します。\r\n\r\n<script>alert(1)</script> お急ぎの方は&lt;窓口&gt;へ';
      const saved = await agency.post(`/console/news/${id}`, { title: '年末年始の営業', published_on: '2026-12-02', body });
      assert.equal(saved.location, '/console/news?done=updated');
      await agency.get('/console/news');
      assert.equal((await agency.post(`/console/news/${id}/publish`, {})).location, '/console/news?done=published');
      const page = newsSection((await new WebClient(t.baseUrl).get('/agency/D0001')).html);
      assert.match(page, /<time datetime="2026-12-02">2026年12月2日<\/time><span class="news-title">年末年始の営業<\/span>/);
      assert.ok(page.includes('<p>12月29日から1月3日まで休業します。</p><p>&lt;script>alert(1)&lt;/script> お急ぎの方は&amp;lt;窓口&amp;gt;へ</p>'), page);
      assert.doesNotMatch(page, /<script>/);
      assert.doesNotMatch(newsSection((await new WebClient(t.baseUrl).get('/agency/D0002')).html), /年末年始/, "not on another agency's page");

      await agency.get('/console/news');
      assert.equal((await agency.post(`/console/news/${id}/unpublish`, {})).location, '/console/news?done=unpublished');
      assert.doesNotMatch(newsSection((await new WebClient(t.baseUrl).get('/agency/D0001')).html), /年末年始/);
      await agency.get(`/console/news/${id}`);
      assert.equal((await agency.post(`/console/news/${id}/delete`, {})).location, '/console/news?done=deleted');
      assert.equal(await newsCount(), 0);
      assert.equal((await agency.get(`/console/news/${id}`)).status, 404, 'a deleted item is gone');

      const [create] = await audits('agency_news_created');
      assert.deepEqual(JSON.parse(create!.detail), { agency: 'D0001', before: null, after: { title: '年末年始の営業について', publishedOn: '2026-12-01', body: '12月29日から休業します。', published: false } });
      assert.deepEqual([create!.subject_kind, create!.subject_id, create!.actor_kind], ['agency_news', id, 'staff']);
      const [update] = await audits('agency_news_updated');
      assert.deepEqual(JSON.parse(update!.detail), {
        agency: 'D0001',
        before: { title: '年末年始の営業について', publishedOn: '2026-12-01', body: '12月29日から休業します。', published: false },
        after: { title: '年末年始の営業', publishedOn: '2026-12-02', body: body.replace(/\r\n/g, '\n'), published: false },
      });
      assert.deepEqual(JSON.parse((await audits('agency_news_published'))[0]!.detail), { agency: 'D0001', before: { published: false }, after: { published: true } });
      assert.deepEqual(JSON.parse((await audits('agency_news_unpublished'))[0]!.detail), { agency: 'D0001', before: { published: true }, after: { published: false } });
      assert.equal(JSON.parse((await audits('agency_news_deleted'))[0]!.detail).before.title, '年末年始の営業');
    });

    it("lets an admin edit any agency's news, and gives the desk 404", async () => {
      const admin = await staff('admin.one');
      const list = await admin.get('/console/news?agency=D0002');
      assert.equal(list.status, 200);
      assert.match(textOf(list.html), /あおば保険事務所のページ/);
      await admin.get('/console/news/new?agency=D0002');
      const created = await admin.post('/console/news', { agency: 'D0002', title: '移転のお知らせ', published_on: '2026-11-30', body: '新しい住所\n東京都' });
      assert.equal(created.location, '/console/news?agency=D0002&done=created');
      const id = (await t.deps.db.selectFrom('agency_news').select('id').where('agency_code', '=', 'D0002').executeTakeFirstOrThrow()).id;
      await admin.get('/console/news?agency=D0002');
      assert.equal((await admin.post(`/console/news/${id}/publish`, {})).location, '/console/news?agency=D0002&done=published');
      assert.match(newsSection((await new WebClient(t.baseUrl).get('/agency/D0002')).html), /<p>新しい住所<\/p><p>東京都<\/p>/);
      assert.equal((await admin.get('/console/news?agency=D9999')).status, 404);
      const desk = await staff('desk.one');
      for (const path of ['/console/news', '/console/news/new', `/console/news/${id}`]) assert.equal((await desk.get(path)).status, 404, path);
      await desk.get('/console');
      assert.equal((await desk.post(`/console/news/${id}/unpublish`, {})).status, 404);
      assert.doesNotMatch((await desk.get('/console')).html, /お知らせ/);
    });
  });
}
