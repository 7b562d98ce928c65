// What the 申込内容確認書 says, built from the stored application alone (the flow may be gone).
import type { BrandConfig } from '../../config.js';
import { formatDateJa, formatDateTimeJa } from '../../platform/clock.js';
import type { RenewalApplicationTable } from '../../platform/db/schema.js';
import { coverageRows } from './coverage.js';
import type { PlanId } from './flow.js';
import type { ApplicationPdf } from './pdf.js';
import { LABELS, type Coverage, type VehicleClass } from './rating/index.js';
import type { RenewalPolicy } from './repository.js';
import { yen } from './views/common.js';
import { paymentWords } from './views/contract.js';
import { PLAN_NAMES } from './views/plans.js';

interface StoredConfirmation {
  key: string;
  text: string;
  at: string;
}

const vehicleClassWords = (code: string | null): string => (code && Object.hasOwn(LABELS.vehicleClass, code) ? LABELS.vehicleClass[code as VehicleClass] : '-');

export function applicationDocument(brand: BrandConfig, application: RenewalApplicationTable, policy: RenewalPolicy): ApplicationPdf {
  const coverage = JSON.parse(application.coverage) as Coverage;
  const confirmations = JSON.parse(application.confirmations) as StoredConfirmation[];
  const createdAt = new Date(application.created_at);
  const monthly = application.payment_frequency === 'monthly' && application.monthly_premium !== null;
  return {
    title: '申込内容確認書',
    author: brand.companyName,
    createdAt,
    lead: [`${brand.companyName}`, `受付番号 ${application.reception_number}`, `受付日時 ${formatDateTimeJa(createdAt)}`],
    sections: [
      {
        title: 'ご契約',
        rows: [
          ['種目', '自動車保険（継続契約）'],
          ['証券番号', application.policy_number],
          ['ご契約者', `${policy.holder_family_name} ${policy.holder_given_name} 様`],
          ['保険期間', `${formatDateJa(application.new_start_date)}～${formatDateJa(application.new_end_date)}（1年間）`],
          ['取扱代理店', policy.agency_name],
        ],
      },
      {
        title: 'ご契約のお車',
        rows: [
          ['車名', policy.vehicle_model ?? '-'],
          ['登録番号', policy.vehicle_registration ?? '-'],
          ['用途車種', vehicleClassWords(policy.vehicle_class)],
        ],
      },
      { title: `補償内容（${PLAN_NAMES[application.plan as PlanId] ?? application.plan}）`, rows: coverageRows(coverage) },
      {
        title: '保険料',
        rows: [
          ['年間保険料', yen(application.annual_premium)],
          ...(monthly ? [['分割保険料（月払）', `${yen(application.monthly_premium as number)} × 12回（合計 ${yen(application.total_payable)}）`] as [string, string]] : []),
          ['ノンフリート等級', `${application.next_grade}等級`],
          ['事故有係数適用期間', `${application.next_accident_coefficient_years}年`],
        ],
      },
      {
        title: 'お支払方法',
        rows: [
          ['お支払方法', `${paymentWords(application.payment_method)}${application.payment_method_changed ? '（変更のお申込み）' : ''}`],
          ['お支払回数', monthly ? '月払（12回）' : '年払（一括払）'],
        ],
      },
      { title: '意向確認', labelWidth: 290, rows: confirmations.map((c) => [c.text, `確認済み ${formatDateTimeJa(new Date(c.at))}`]) },
    ],
    footer: [
      '本書は、お客さまWebサービスで継続手続のお申込みを受け付けた内容を確認いただくための書面です。保険証券ではありません。',
      ...(application.payment_method_changed ? ['お支払方法の変更をお申込みいただいた場合は、変更後のお支払方法のお手続きを別途ご案内します。'] : []),
      `お問い合わせ：${brand.companyName} ${brand.deskName} ${brand.deskPhone}（受付時間 月～金 ${brand.deskOpen.replace(/^0/, '')}～${brand.deskClose.replace(/^0/, '')}）`,
    ],
  };
}
