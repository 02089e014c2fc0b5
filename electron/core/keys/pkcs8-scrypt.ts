import { createCipheriv, randomBytes, scrypt, type KeyObject } from 'node:crypto';

/*
 * Why we build the encrypted PKCS#8 ourselves: node:crypto's `export({type: 'pkcs8', cipher, passphrase})`
 * writes PBES2 with PBKDF2-HMAC-SHA256 at OpenSSL's fixed default of 2,048 iterations (checked with
 * `openssl asn1parse` on Node 20 / OpenSSL 3.0), and offers no way to choose the KDF or its cost. That is
 * cheap to brute-force offline for a stolen file. PBES2 with scrypt (RFC 7914 §7) is memory-hard, and both
 * node:crypto (`createPrivateKey`) and `openssl pkey`/`openssl pkcs8` read it, so we encode that one
 * structure here and leave all decryption to OpenSSL.
 *
 * Cost: N = 2^14, r = 8, p = 1 — what `openssl pkcs8 -topk8 -scrypt` writes, 16 MiB and ~50 ms per try.
 * N cannot go higher: OpenSSL refuses scrypt that needs more than 32 MiB when it *reads* a PKCS#8 file
 * (its default maxmem), and 2^15 × r 8 needs just over that. A larger p would add time without memory;
 * we stay with the parameters every OpenSSL reads the same way.
 */
export const SCRYPT_PARAMS = { N: 2 ** 14, r: 8, p: 1 } as const;

const OID_PBES2 = Buffer.from('06092a864886f70d01050d', 'hex'); // 1.2.840.113549.1.5.13
const OID_SCRYPT = Buffer.from('06092b06010401da47040b', 'hex'); // 1.3.6.1.4.1.11591.4.11
const OID_AES_256_CBC = Buffer.from('060960864801650304012a', 'hex'); // 2.16.840.1.101.3.4.1.42

/**
 * The private key as an `ENCRYPTED PRIVATE KEY` PEM: PKCS#8 EncryptedPrivateKeyInfo, PBES2 with scrypt
 * and AES-256-CBC, a fresh 16-byte salt and IV. The passphrase is used as its UTF-8 bytes, as OpenSSL does.
 */
export async function encryptPrivateKeyPem(privateKey: KeyObject, passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMS;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(Buffer.from(passphrase, 'utf8'), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
  let encrypted: Buffer;
  try {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  } finally {
    plain.fill(0);
    key.fill(0);
  }
  const der = sequence(
    sequence(
      OID_PBES2,
      sequence(
        sequence(OID_SCRYPT, sequence(octetString(salt), integer(N), integer(r), integer(p))),
        sequence(OID_AES_256_CBC, octetString(iv)),
      ),
    ),
    octetString(encrypted),
  );
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${lines.join('\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else if (n < 0x100) length = Buffer.from([0x81, n]);
  else length = Buffer.from([0x82, n >> 8, n & 0xff]); // our structures stay far below 64 KiB
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function octetString(bytes: Buffer): Buffer {
  return tlv(0x04, bytes);
}

/** A non-negative DER INTEGER: minimal big-endian bytes, with a leading 0 when the top bit is set. */
function integer(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}
