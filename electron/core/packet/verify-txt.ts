// data/VERIFY.txt: how a recipient checks the packet with standard tools (docs/PACKET.md).

/** What VERIFY.txt names. */
export interface VerifyTxtInput {
  /** The zip's file name, `evidence-<ref>-<stamp>.zip`. */
  zipName: string;
  /** Its top folder, `evidence-<ref>-<stamp>`. */
  stem: string;
  packetId: string;
  /** RFC 3339 UTC. */
  createdAt: string;
  /** `SHA256:<base64 without padding>`. */
  fingerprint: string;
}

/** The exact commands of docs/PACKET.md, for this packet's names. */
export function verifyCommands(zipName: string, stem: string): string[] {
  return [
    `unzip ${zipName} && cd ${stem}/`,
    'openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin \\\n        -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig',
    'sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt',
  ];
}

/** The command that computes a public key's fingerprint by hand (it prints the padded base64, without `SHA256:`). */
export const FINGERPRINT_COMMAND = 'openssl pkey -pubin -in signer.pub.pem -outform DER | openssl dgst -sha256 -binary | base64';

const indent = (text: string, by = '     ') =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** VERIFY.txt's text (ASCII apart from the names given, LF line ends, a final LF). */
export function verifyTxt(input: VerifyTxtInput): string {
  const [unzip, openssl, sha256sum] = verifyCommands(input.zipName, input.stem);
  const padded = `${input.fingerprint.replace(/^SHA256:/, '')}=`;
  return `HOW TO VERIFY THIS EVIDENCE PACKET
==================================

Packet:     ${input.packetId}
Created:    ${input.createdAt}
File:       ${input.zipName}
Signed by:  the Ed25519 key with fingerprint ${input.fingerprint}

Anyone can check this packet without the app that made it. You need unzip, OpenSSL 3.0 or later,
and sha256sum (GNU coreutils; on macOS, "shasum -a 256 -c" reads the same manifest files).

1. Unpack the packet and go into its folder:

${indent(unzip!)}

2. Check the signature over tagmanifest-sha256.txt. OpenSSL must print
   "Signature Verified Successfully":

${indent(openssl!)}

3. Check every file against the manifests. Every line must end in ": OK":

${indent(sha256sum!)}

   tagmanifest-sha256.txt pins bagit.txt, bag-info.txt, manifest-sha256.txt, evidence.json and
   signer.pub.pem; manifest-sha256.txt pins every file under data/ (this file included). So the one
   signature covers every byte of the packet.

4. Check who signed it. A valid signature proves that nothing changed since the packet was signed
   with the key in signer.pub.pem; it does not say whose key that is. Compare the key's fingerprint
   with the one the sender gave you through another channel (in person, by phone, in a ticket; not
   from this packet, which anyone could have rebuilt and signed with another key):

     ${input.fingerprint}

   To compute the fingerprint yourself from signer.pub.pem:

${indent(FINGERPRINT_COMMAND)}

   It prints the same digest as

     ${padded}

   i.e. without "SHA256:" in front and with a trailing "=": base64 padding, which ssh-style
   fingerprints (like the one above) leave out.

If any step fails, do not rely on this packet; ask the sender for a new copy.
`;
}
