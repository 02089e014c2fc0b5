/** Keeptrusts tokens start `kt_<kind>_`; that much says which token it is without revealing any of its secret. */
const KEEPTRUSTS_PREFIX = /^kt_[A-Za-z0-9]{1,12}_/;

/**
 * A token as the window may show it: the `kt_live_` prefix when it has one, and the last 4 characters
 * (`kt_live_…1a2b`), so the user can tell tokens apart. The shorter the secret part, the less is shown
 * (the last 2 characters, then none), so a mask never gives away a meaningful share of a token.
 */
export function maskToken(token: string): string {
  const prefix = KEEPTRUSTS_PREFIX.exec(token)?.[0] ?? '';
  const secret = token.slice(prefix.length);
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${prefix}…${shown > 0 ? secret.slice(-shown) : ''}`;
}
