import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared corpus lives beside the project root and is read in place, never copied. */
export const SHARED_DIR = resolve(__dirname, '..', '..', 'shared');
export const SIGMA_DIR = resolve(SHARED_DIR, 'sigma');
export const SIGMA_RULE_DIRS = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'rules-placeholder',
  'rules-compliance',
].map((d) => resolve(SIGMA_DIR, d));
export const REGRESSION_DIR = resolve(SIGMA_DIR, 'regression_data');
export const PLACEHOLDERS_FILE = resolve(__dirname, 'fixtures', 'sigma-placeholders.yml');

export function requireCorpus(): void {
  if (!existsSync(SIGMA_DIR)) {
    throw new Error(`the shared Sigma corpus is missing at ${SIGMA_DIR}; these tests read it in place`);
  }
}
