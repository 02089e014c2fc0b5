/**
 * Defence in depth for custody entries, which end up in packets that leave the machine: anything that
 * looks like a secret is refused before it is written. None of these should ever reach the custody log
 * (callers build subjects from ids, names, hashes and paths), so a hit is a bug, and false positives on
 * ordinary file names and paths are avoided.
 */

/** What kind of secret a value looks like, for the error message (never the value itself). */
export type SecretKind = 'api-token' | 'private-key' | 'bearer-credential' | 'url-credentials' | 'signed-url' | 'secret-field-name';

const VALUE_PATTERNS: ReadonlyArray<readonly [SecretKind, RegExp]> = [
  // Keeptrusts API tokens: kt_live_…, kt_test_…, kt_sample_… (the CLI refuses kt_-prefixed values the same way).
  ['api-token', /(?<![A-Za-z0-9])kt_[A-Za-z0-9]+_[A-Za-z0-9]/i],
  ['private-key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/],
  ['bearer-credential', /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/],
  // https://user:password@host
  ['url-credentials', /[a-z][a-z0-9+.-]*:\/\/[^/\s?#@]*:[^/\s?#@]*@/i],
  // Presigned storage links and token-carrying query strings (S3, GCS, Azure SAS, generic).
  ['signed-url', /[?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|token|access_token|id_token|api_key|apikey|auth)=/i],
];

const SECRET_KEY = /(?:^|_)(?:token|tokens|secret|secrets|password|passwd|passphrase|authorization|cookie|credential|credentials|api_key|apikey|private_key)(?:$|_)/i;

/** Where a secret-looking value is, and what it looks like. */
export interface SecretHit {
  /** e.g. `subject.path`, `actor.name`. */
  field: string;
  kind: SecretKind;
}

/** The first secret-looking field of a flat object of scalars, or null. Keys are checked as well as values. */
export function findSecret(prefix: string, fields: Readonly<Record<string, unknown>>): SecretHit | null {
  for (const [key, value] of Object.entries(fields)) {
    const field = `${prefix}.${key}`;
    if (SECRET_KEY.test(key)) return { field, kind: 'secret-field-name' };
    if (typeof value !== 'string') continue;
    for (const [kind, pattern] of VALUE_PATTERNS) if (pattern.test(value)) return { field, kind };
  }
  return null;
}
