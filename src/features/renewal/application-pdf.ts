import type { BrandConfig } from '../../config.js';
import type { Db } from '../../platform/db/database.js';
import { applicationDocument } from './document.js';
import { renderApplicationPdf } from './pdf.js';

/**
 * The 申込内容確認書 of an application by its 受付番号, the same PDF the customer downloaded; null
 * when there is none. The console gets this function from its site (it may not import the renewal);
 * its copy is in Japanese.
 */
export async function applicationPdfByReception(db: Db, brand: BrandConfig, receptionNumber: string): Promise<Buffer | null> {
  const application = await db.selectFrom('renewal_applications').selectAll().where('reception_number', '=', receptionNumber).executeTakeFirst();
  if (!application) return null;
  const policy = await db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .selectAll('policies')
    .select('agencies.name as agency_name')
    .where('policies.policy_number', '=', application.policy_number)
    .executeTakeFirstOrThrow();
  return renderApplicationPdf(applicationDocument(brand, application, policy));
}
