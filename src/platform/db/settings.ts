import { randomToken } from '../crypto.js';
import type { Db } from './database.js';

/** The server secret, made once per database so every instance and restart shares it. */
export async function ensureAppSecret(db: Db): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: 'app_secret', value: randomToken() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'app_secret').executeTakeFirstOrThrow();
  return row.value;
}
