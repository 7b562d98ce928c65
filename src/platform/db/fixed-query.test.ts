import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/db.js';
import { fixedQuery } from './fixed-query.js';

const settingsByKeys = fixedQuery((db, from: string, to: string) => db.selectFrom('settings').select(['key', 'value']).where('key', '>=', from).where('key', '<=', to).where('value', '!=', 'hidden').orderBy('key'), 2);

for (const kind of databaseKinds()) {
  describe(`a query compiled once on ${kind}`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await createTestDatabase(kind);
      await test.db.insertInto('settings').values([{ key: 'k1', value: 'a' }, { key: 'k2', value: 'hidden' }, { key: 'k3', value: 'c' }, { key: 'k4', value: 'd' }]).execute();
    });
    after(async () => test.drop());

    it('runs with each call’s arguments in their places, keeping the query’s own constants', async () => {
      assert.deepEqual(await settingsByKeys(test.db, 'k1', 'k3'), [{ key: 'k1', value: 'a' }, { key: 'k3', value: 'c' }]);
      assert.deepEqual(await settingsByKeys(test.db, 'k3', 'k4'), [{ key: 'k3', value: 'c' }, { key: 'k4', value: 'd' }]);
      await test.db.transaction().execute(async (trx) => assert.deepEqual(await settingsByKeys(trx, 'k4', 'k9'), [{ key: 'k4', value: 'd' }]));
    });

    it('refuses a builder that does not use an argument as a value', async () => {
      const broken = fixedQuery((db, _unused: string) => db.selectFrom('settings').select('key'), 1);
      await assert.rejects(broken(test.db, 'x'), /not a parameter/);
    });
  });
}
