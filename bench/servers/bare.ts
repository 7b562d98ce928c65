// The bare baseline the page bench compares against: Fastify, a cookie, one SQLite query by
// primary key (a prepared statement) and about 3 KB of escaped HTML. Prints its URL on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { answerCpuOverIpc } from './cpu-over-ipc.js';

const db = new SQLite(join(mkdtempSync(join(tmpdir(), 'keizoku-bare-')), 'bare.db'));
db.pragma('journal_mode = WAL');
db.exec('create table sessions (id text primary key, name text not null, last_login text not null)');
db.prepare('insert into sessions values (?, ?, ?)').run('s1', '三住 太郎 <様>', '2026-11-25 10:00');
const bySession = db.prepare<[string], { name: string; last_login: string }>('select name, last_login from sessions where id = ?');

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rows = Array.from({ length: 24 }, (_, i) => `<tr><td>証券番号 C12345678${i % 10}</td><td>${escape('プリウス & "自家用"')}</td><td>2026年12月27日</td></tr>`).join('');

const app = Fastify();
await app.register(fastifyCookie);
app.get('/', async (request, reply) => {
  const row = bySession.get(request.cookies.sid ?? '');
  const name = escape(row?.name ?? 'ゲスト');
  reply.type('text/html; charset=utf-8');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>ホーム</title></head><body><h1>${name}さま</h1><p>前回ログイン日時 ${escape(row?.last_login ?? '')}</p><table>${rows}</table></body></html>`;
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
answerCpuOverIpc();
process.stdout.write(`${JSON.stringify({ url })}\n`);
