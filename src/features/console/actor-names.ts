import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';

/** Who acted, in words for a details page: the staff member's name, or the core system. */
export async function actorName(db: Db, actor: Actor | null): Promise<string | null> {
  if (!actor) return null;
  if (actor.kind === 'staff') {
    const row = await db.selectFrom('staff_accounts').select(['name', 'login']).where('id', '=', actor.id).executeTakeFirst();
    return row ? `${row.name}（${row.login}）` : '職員';
  }
  return actor.kind === 'api_client' ? '連携システム（基幹システム）' : actor.kind === 'system' ? 'システム' : 'お客さま';
}
