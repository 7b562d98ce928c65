import assert from 'node:assert/strict';
import { it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { searchPeople } from '../../src/features/console/desk/repository.js';
import type { Criterion } from '../../src/features/console/desk/search.js';
import { migrateToLatest, type Database } from '../../src/platform/db/database.js';
import { registerSqliteFunctions } from '../../src/platform/db/search-key.js';

// The desk's search reads by the indexes of migration 0010 (SQLite's plan; PostgreSQL chooses
// by statistics): no key walks the policies without an account, or every customer.

it('every search key is answered from an index on SQLite', async () => {
  const raw = new SQLite(':memory:');
  registerSqliteFunctions(raw);
  const queries: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void (event.level === 'query' && queries.push(event.query)) });
  try {
    await migrateToLatest(db);
    const criteria: Array<[Criterion, RegExp[]]> = [
      [{ key: 'name', script: 'kana', value: 'ミツスミタロウ' }, [/customers_by_family_kana/, /customers_by_full_kana/, /policies_by_holder_kana_birth \(holder_family_kana=\?\)/, /policies_by_holder_full_kana/]],
      [{ key: 'name', script: 'kanji', value: '三住太郎' }, [/customers_by_family_name/, /customers_by_full_name/, /policies_by_holder_family_name/, /policies_by_holder_full_name/]],
      [{ key: 'phone', value: '0312345678' }, [/policies_by_phone_digits/]],
      [{ key: 'email', value: 'abc@example.com' }, [/policies_by_email/, /sqlite_autoindex_customers_2 \(user_id=\?\)/]],
      [{ key: 'policy', value: 'C123456789' }, [/sqlite_autoindex_policies_1 \(policy_number=\?\)/]],
    ];
    for (const [criterion, indexes] of criteria) {
      queries.length = 0;
      await searchPeople(db, criterion, 0, 20);
      assert.equal(queries.length, 2, 'a page and its count');
      for (const query of queries) {
        const plan = raw.prepare(`explain query plan ${query.sql}`).all(...query.parameters).map((row) => (row as { detail: string }).detail);
        const text = plan.join('\n');
        for (const index of indexes) assert.match(text, index, `${criterion.key}: ${text}`);
        assert.ok(!plan.some((line) => /^SCAN (policies|customers)\b/.test(line)), `${criterion.key} scans no table: ${text}`);
        assert.ok(!/policies_by_customer \(customer_id=\?\)\nUSE TEMP B-TREE FOR GROUP BY/.test(text), `${criterion.key}: the holders part does not walk the policies without an account`);
      }
    }
  } finally {
    await db.destroy();
  }
});
