// Japanese labels of the rating values (the UI wording) and the default plan options.
import { deductibleLabel } from '../../policies/labels.js';
import type { AgeCondition, DriverScope, RateTable, Rider, UsePurpose, VehicleClass, VehicleCoverage } from './types.js';

export const LABELS: {
  ageCondition: Record<AgeCondition, string>;
  driverScope: Record<DriverScope, string>;
  usePurpose: Record<UsePurpose, string>;
  vehicleCoverage: Record<VehicleCoverage, string>;
  rider: Record<Rider, string>;
  vehicleClass: Record<VehicleClass, string>;
} = {
  ageCondition: { all: '全年齢', 21: '21歳以上', 26: '26歳以上', 35: '35歳以上' },
  driverScope: { any: '限定なし', family: '家族限定', self_spouse: '本人・配偶者限定', self: '本人限定' },
  usePurpose: { leisure: '日常・レジャー', commute: '通勤・通学', business: '業務' },
  vehicleCoverage: { general: '一般型', limited: 'エコノミー型', none: 'なし' },
  rider: {
    lawyer: '弁護士費用特約',
    road_assistance: 'ロードアシスタンス特約',
    personal_liability: '個人賠償責任特約',
    family_bike: 'ファミリーバイク特約',
  },
  vehicleClass: { private_car: '自家用普通乗用車', small_private_car: '自家用小型乗用車', kei_car: '自家用軽四輪乗用車' },
};

export interface PlanOptions {
  propertyDamage: Array<'unlimited' | number>;
  personalInjury: Array<number | 'none'>;
  vehicleDeductibles: string[];
  vehicleAmountRange: { min: number; max: number; step: number };
}

/** The choices a rate table offers, in the table's order. Prefer this over PLAN_OPTIONS when a table is at hand. */
export function planOptions(rates: RateTable): PlanOptions {
  const { min, max, step } = rates.vehicle.amount;
  return {
    propertyDamage: rates.propertyDamage.map((p) => p.limit),
    personalInjury: rates.personalInjury.map((p) => p.amount),
    vehicleDeductibles: rates.vehicle.deductibles.map((d) => d.deductible),
    vehicleAmountRange: { min, max, step },
  };
}

/** The choices of the shipped rates/default.json (a test keeps them equal). */
export const PLAN_OPTIONS: PlanOptions = {
  propertyDamage: ['unlimited', 50_000_000, 30_000_000, 20_000_000, 10_000_000],
  personalInjury: [30_000_000, 50_000_000, 100_000_000, 200_000_000, 'none'],
  vehicleDeductibles: ['0-10', '5-10', '10-10', '15-15'],
  vehicleAmountRange: { min: 500_000, max: 8_000_000, step: 100_000 },
};

/** 3,000万円 / 220万円 / 1億円 / 1億5,000万円: yen as the insurers print amounts. */
export function formatManYen(yen: number): string {
  const oku = Math.floor(yen / 100_000_000);
  const man = (yen % 100_000_000) / 10_000;
  const manText = man ? `${man.toLocaleString('ja-JP')}万` : '';
  return `${oku ? `${oku}億` : ''}${manText}円`;
}

/** 免責金額 '5-10' (万円) → '1回目 5万円・2回目以降 10万円', as every screen writes it. */
export const formatDeductible = (deductible: string): string => deductibleLabel(deductible);
