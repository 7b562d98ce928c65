import type { Actor, ActorKind } from '../../../platform/auth/actor.js';

/** Whose rows a reader may see: one agency's (its policies), or every agency's (null). */
export interface AgencyScope {
  agencyCode: string | null;
}

export const ALL_AGENCIES: AgencyScope = { agencyCode: null };

/** The customer as the feeds and the console show them: the web account's name and its user ID (mail address). */
export interface CustomerRef {
  customer_id: string;
  family_name: string;
  given_name: string;
  family_kana: string;
  given_kana: string;
  birth_date: string;
  email: string;
}

export interface AgencyRef {
  agency_code: string;
  agency_name: string;
}

/** Who processed or took in an item, as stored (actor kind and id). */
export const actorOf = (kind: string | null, id: string | null): Actor | null => (kind && id ? { kind: kind as ActorKind, id } : null);

export const CUSTOMER_REF_COLUMNS = ['customers.family_name', 'customers.given_name', 'customers.family_kana', 'customers.given_kana', 'customers.birth_date', 'customers.user_id'] as const;

export const customerRefOf = (customerId: string, row: { family_name: string; given_name: string; family_kana: string; given_kana: string; birth_date: string; user_id: string }): CustomerRef => ({
  customer_id: customerId,
  family_name: row.family_name,
  given_name: row.given_name,
  family_kana: row.family_kana,
  given_kana: row.given_kana,
  birth_date: row.birth_date,
  email: row.user_id,
});

/** One page of a console list: its rows and the count of all that match. */
export interface ListPage<T> {
  items: T[];
  total: number;
}
