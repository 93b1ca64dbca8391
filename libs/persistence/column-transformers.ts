import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; amounts in VND stay below 2^53, so a JS number is exact. */
export const bigintColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
