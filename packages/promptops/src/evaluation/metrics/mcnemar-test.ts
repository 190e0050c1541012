import { binomialTwoSidedP } from './binomial-test.ts';

export interface McNemarResult {
  method: 'mcnemar-exact';
  /** Discordant pairs that passed in A and failed in B. */
  aOnly: number;
  /** Discordant pairs that failed in A and passed in B. */
  bOnly: number;
  /** Two-sided exact p-value. */
  pValue: number;
}

/**
 * McNemar's exact test on paired pass/fail outcomes. Only the discordant pairs carry information:
 * under "A and B are equally good" each is equally likely to favour either side, so the count
 * favouring B is Binomial(aOnly + bOnly, 1/2). The exact form is used at every size (the chi-square
 * approximation is poor below ~25 discordant pairs; Fagerland, Lydersen & Laake, BMC Medical
 * Research Methodology 13:91, 2013).
 *
 * @example mcnemarExact(1, 9).pValue // 0.021484375
 */
export function mcnemarExact(aOnly: number, bOnly: number): McNemarResult {
  return { method: 'mcnemar-exact', aOnly, bOnly, pValue: binomialTwoSidedP(bOnly, aOnly + bOnly) };
}
