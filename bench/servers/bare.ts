// The bare baseline the page bench compares against: Fastify, a cookie, one SQLite query by
// primary key (a prepared statement) and about 3 KB of escaped HTML; and a bare login: a form
// POST, the hash by user ID (one query), one argon2id verify at the production parameters, a
// cookie and a 303 — what logins are compared with. Prints its URL on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { hashSecret, verifySecret } from '../../src/platform/crypto.js';
import { answerCpuOverIpc } from './cpu-over-ipc.js';

const db = new SQLite(join(mkdtempSync(join(tmpdir(), 'keizoku-bare-')), 'bare.db'));
db.pragma('journal_mode = WAL');
db.exec('create table sessions (id text primary key, name text not null, last_login text not null)');
db.prepare('insert into sessions values (?, ?, ?)').run('s1', '三住 太郎 <様>', '2026-11-25 10:00');
const bySession = db.prepare<[string], { name: string; last_login: string }>('select name, last_login from sessions where id = ?');

db.exec('create table accounts (user_id text primary key, password_hash text not null)');
db.prepare('insert into accounts values (?, ?)').run('bench@example.com', await hashSecret('bench1234'));
const hashOf = db.prepare<[string], { password_hash: string }>('select password_hash from accounts where user_id = ?');

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
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(body as string)));
app.post('/login', async (request, reply) => {
  const form = request.body as URLSearchParams;
  const row = hashOf.get(form.get('userId') ?? '');
  if (!row || !(await verifySecret(row.password_hash, form.get('password') ?? ''))) return reply.code(401).send('');
  return reply.setCookie('sid', 's1', { httpOnly: true, path: '/' }).redirect('/', 303);
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
answerCpuOverIpc();
process.stdout.write(`${JSON.stringify({ url })}\n`);
