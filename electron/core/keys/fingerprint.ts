import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/** `SHA256:` + unpadded base64 of 32 bytes, as `ssh-keygen -l` prints fingerprints. */
const SHAPE = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * The fingerprint of a public key: `SHA256:` + base64 (without `=` padding) of the SHA-256 of its DER
 * SubjectPublicKeyInfo — what `openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64`
 * prints, minus the trailing `=`.
 */
export function fingerprintOfSpki(spkiDer: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(spkiDer).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Whether `text` is a fingerprint in canonical form: the shape above, and the last character carrying
 * no stray bits (so each digest has exactly one spelling and string comparison is enough).
 */
export function isFingerprint(text: unknown): text is string {
  if (typeof text !== 'string' || !SHAPE.test(text)) return false;
  const body = text.slice('SHA256:'.length);
  const bytes = Buffer.from(body, 'base64');
  return bytes.length === 32 && bytes.toString('base64').replace(/=+$/, '') === body;
}

/** `text` with surrounding white space removed, if it is a fingerprint; otherwise a `fingerprint-invalid` error. */
export function parseFingerprint(text: unknown): string {
  const candidate = typeof text === 'string' ? text.trim() : text;
  if (isFingerprint(candidate)) return candidate;
  // The value is not repeated: whatever was pasted here by mistake (a key, a token) stays out of messages.
  throw new AppError(
    'fingerprint-invalid',
    'That is not a key fingerprint.',
    'A fingerprint is "SHA256:" followed by 43 base64 characters, without a trailing "=" (as the app and ssh-keygen print it). Copy it again from the sender.',
  );
}
