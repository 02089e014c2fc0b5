import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { fingerprint as fingerprintOf, parsePublicKeyPem, publicKeyPem as spkiPem } from './ed25519';
import { isFingerprint, parseFingerprint } from './fingerprint';

/** A signer the user has marked as trusted (table `trusted_signers`, cache migration 0003). */
export interface TrustedSigner {
  name: string;
  fingerprint: string;
  /** The SPKI PEM, when the user gave it (e.g. from a packet they verified); public, never a private key. */
  publicKeyPem: string | null;
  /** RFC 3339 UTC. */
  addedAt: string;
}

const MAX_NAME = 200;

/**
 * Marks `fingerprint` as belonging to `name`. Trusting a fingerprint again renames it (and adds its public
 * key if it had none); `addedAt` stays. A public key, when given, must be Ed25519 and have that fingerprint.
 */
export function trust(db: Database, name: string, fingerprint: string, publicKeyPem?: string, now: Date = new Date()): TrustedSigner {
  const fp = parseFingerprint(fingerprint);
  const cleanName = parseName(name);
  let pem: string | null = null;
  if (publicKeyPem !== undefined) {
    const key = parsePublicKeyPem(publicKeyPem);
    const actual = fingerprintOf(key);
    if (actual !== fp) {
      throw new AppError('fingerprint-invalid', "The public key does not have the fingerprint given.", 'Check that the fingerprint and the key belong to the same signer.', { fingerprint: fp, keyFingerprint: actual });
    }
    pem = spkiPem(key);
  }
  db.prepare(
    `INSERT INTO trusted_signers (fingerprint, name, public_key_pem, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, public_key_pem = coalesce(excluded.public_key_pem, public_key_pem)`,
  ).run(fp, cleanName, pem, now.toISOString());
  return getTrusted(db, fp)!;
}

/** Removes a trusted fingerprint; whether it was there. */
export function untrust(db: Database, fingerprint: string): boolean {
  return db.prepare('DELETE FROM trusted_signers WHERE fingerprint = ?').run(parseFingerprint(fingerprint)).changes > 0;
}

/** Every trusted signer, by name then fingerprint. */
export function listTrusted(db: Database): TrustedSigner[] {
  return (db.prepare('SELECT * FROM trusted_signers ORDER BY name, fingerprint').all() as Row[]).map(fromRow);
}

/**
 * The name under which `fingerprint` is trusted, or null. A malformed fingerprint (e.g. from a packet
 * being verified) is simply not trusted: null, not an error.
 */
export function isTrusted(db: Database, fingerprint: string): string | null {
  if (!isFingerprint(fingerprint)) return null;
  return getTrusted(db, fingerprint)?.name ?? null;
}

/** The trusted signer with this fingerprint, or null. */
export function getTrusted(db: Database, fingerprint: string): TrustedSigner | null {
  if (!isFingerprint(fingerprint)) return null;
  const row = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
  return row ? fromRow(row) : null;
}

interface Row {
  fingerprint: string;
  name: string;
  public_key_pem: string | null;
  added_at: string;
}

function fromRow(row: Row): TrustedSigner {
  return { name: row.name, fingerprint: row.fingerprint, publicKeyPem: row.public_key_pem, addedAt: row.added_at };
}

function parseName(name: unknown): string {
  const clean = typeof name === 'string' ? name.normalize('NFC').trim() : '';
  // eslint-disable-next-line no-control-regex
  if (clean === '' || [...clean].length > MAX_NAME || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(clean)) {
    throw new AppError('invalid-request', `A trusted signer needs a name of 1 to ${MAX_NAME} characters, on one line.`, 'Enter the name of the person or team the key belongs to.');
  }
  return clean;
}
