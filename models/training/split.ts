import { sha256 } from '@noble/hashes/sha2.js';

/** Share of groups held out for threshold choice and dev scores. */
export const DEV_FRACTION = 0.2;
/**
 * Share of groups held out from fitting to calibrate the model's scores with the lexicon's. Distinct from
 * dev, so the thresholds are chosen on scores whose calibration never saw those rows.
 */
export const CALIBRATION_FRACTION = 0.1;

export type Split = 'train' | 'calibration' | 'dev';

const encoder = new TextEncoder();

/**
 * Where a group goes, decided by the group alone so that every row of a dialogue, page or article lands on
 * the same side, across runs, machines and sets that share group keys. Positions below DEV_FRACTION are dev
 * (the same groups as before calibration had its own split), the next CALIBRATION_FRACTION calibration.
 */
export function splitOf(group: string): Split {
  const digest = sha256(encoder.encode(group));
  const position =
    ((digest[0] ?? 0) * 2 ** 24 + (digest[1] ?? 0) * 2 ** 16 + (digest[2] ?? 0) * 2 ** 8 + (digest[3] ?? 0)) /
    2 ** 32;
  if (position < DEV_FRACTION) return 'dev';
  return position < DEV_FRACTION + CALIBRATION_FRACTION ? 'calibration' : 'train';
}
