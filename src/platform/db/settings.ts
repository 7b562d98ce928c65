import { readFileSync } from 'node:fs';
import { secretFileProblem } from '../../config.js';
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

/**
 * The server secret: SECRET_FILE's content (trimmed) when set, checked again as it is read (owner
 * only, 32 characters at least), else the database's (ensureAppSecret). Every process reads the same.
 */
export async function serverSecret(db: Db, secretFile: string | null): Promise<string> {
  if (secretFile === null) return ensureAppSecret(db);
  const problem = secretFileProblem(secretFile);
  if (problem) throw new Error(`SECRET_FILE: ${problem}`);
  return readFileSync(secretFile, 'utf8').trim();
}
