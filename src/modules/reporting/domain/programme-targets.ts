/**
 * What the OCOP office sets targets for, and how each is counted in the programme report:
 * - `certified_products`: products holding an OCOP certificate that has not expired (any level);
 * - `producer_organizations`: producer organizations verified by the office;
 * - `provincial_products`: products whose current certificate is of provincial level or above
 *   (province or national, i.e. rated 3★ or more by the province or 5★ by the Prime Minister's council).
 * A target scoped to a former district counts only what is attributed to that district.
 */
export const TARGET_METRICS = [
  'certified_products',
  'producer_organizations',
  'provincial_products',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_LABELS: Record<TargetMetric, string> = {
  certified_products: 'Sản phẩm OCOP còn hiệu lực',
  producer_organizations: 'Chủ thể sản xuất đã xác minh',
  provincial_products: 'Sản phẩm OCOP cấp tỉnh trở lên',
};

export interface ProgrammeTarget {
  metric: TargetMetric;
  /** Empty for a province-wide target. */
  formerDistrictCode: string;
  target: number;
}

/** How far a target is from reached; never negative, so exceeding a target shows a gap of 0. */
export function gapTo(target: number, actual: number): number {
  return Math.max(0, target - actual);
}
