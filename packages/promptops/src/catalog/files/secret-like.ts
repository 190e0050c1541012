/**
 * Configuration names where secrets come from (an environment variable), never the secrets. These
 * checks catch a key pasted in by mistake before it is committed; messages never repeat the value.
 */
const KEY_PREFIXES =
  /^(sk-|sk_|pk-|rk-|xai-|gsk_|ghp_|gho_|github_pat_|glpat-|hf_|r8_|xox[abpr]-|AIza|AKIA|ASIA)/;

/** Environment variable names as shells accept them. */
export const ENVIRONMENT_VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for values shaped like API keys or tokens: a known key prefix, or a long random-looking run. */
export function looksLikeSecret(value: string): boolean {
  if (KEY_PREFIXES.test(value)) return true;
  if (/^Bearer\s/i.test(value)) return true;
  // Variable names are words joined by `_`; keys are long runs of mixed letters and digits.
  return value.length >= 24 && !value.includes('_') && /\d/.test(value) && /[a-z]/i.test(value);
}
