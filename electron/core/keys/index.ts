// Signing keys (Ed25519 via node:crypto), their protection at rest, and the trusted-signer list.
export { generateSigningKey, signingKeyFrom, sign, verify, publicKeyPem, fingerprint, parsePublicKeyPem, SIGNATURE_BYTES, type SigningKey } from './ed25519';
export { fingerprintOfSpki, isFingerprint, parseFingerprint } from './fingerprint';
export { importPrivateKeyPem, isEncryptedPrivateKeyPem, type KeySource } from './import';
export { encryptPrivateKeyPem, SCRYPT_PARAMS } from './pkcs8-scrypt';
export {
  PassphraseProtection,
  OsKeyProtection,
  osProtectionRefusal,
  REFUSED_OS_BACKENDS,
  MIN_PASSPHRASE_LENGTH,
  type OsProtection,
  type KeyProtection,
  type KeyProtectionKind,
} from './protection';
export { osRefusal, sealWithOs, openWithOs, parseOsEnvelope, osEnvelopeBytes, OsSealFailure, type OsEnvelope } from './os-seal';
export { KEY_FILE_NAMES, findSigningKeyFiles, loadSigningKey, saveSigningKey, loadOrCreateSigningKey, exportPublicKey, type KeyFile } from './key-store';
export { keyFromEnv } from './env';
export { trust, untrust, listTrusted, isTrusted, getTrusted, type TrustedSigner } from './trust';
