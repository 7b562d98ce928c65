import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { withStatementCache } from './statement-cache.js';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once and reuses it, with fresh parameters each time', () => {
    const handle = new SQLite(':memory:');
    let prepared = 0;
    const prepare = handle.prepare.bind(handle);
    handle.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof handle.prepare;
    const db = withStatementCache(handle, 2);
    db.prepare('create table t (id integer primary key, name text)').run([]);
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) db.prepare('insert into t values (?, ?)').run([id, name]);
    assert.deepEqual(db.prepare('select name from t where id = ?').all([2]), [{ name: 'b' }]);
    assert.deepEqual(db.prepare('select name from t where id = ?').all([3]), [{ name: 'c' }]);
    assert.equal(prepared, 3, 'create, insert and select prepared once each');
    assert.equal(db.cached(), 2, 'bounded: the oldest text was dropped');
    db.prepare('select count(*) as n from t');
    db.prepare('insert into t values (?, ?)');
    assert.equal(prepared, 5, 'a text that fell out is prepared again');
    db.close();
  });
});
