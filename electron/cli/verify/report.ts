import type { VerificationFinding, VerificationResult } from '../../core/packet/verify';
import { printable, wrap } from '../format';

const WIDTH = 100;
const INDENT = ' '.repeat(11);

/** The verdict, and what to do about it. */
export function verdictText(result: VerificationResult, shownPath: string): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const para = (text: string) => wrap(text, WIDTH, '');
  switch (result.status) {
    case 'valid-trusted':
      return para(`VALID: the packet is intact since it was signed, and the signer is trusted${result.signerName ? ` ("${printable(result.signerName)}")` : ''}.`);
    case 'valid-untrusted': {
      const fp = result.fingerprint ?? 'FINGERPRINT';
      return [
        para(`VALID, BUT THE SIGNER IS NOT TRUSTED: the packet is intact since it was signed, by a key you have not marked as trusted. Compare ${fp} with the fingerprint the sender published (never one that came with the packet). If they match:`),
        `  evidence verify ${shownPath} --trust ${fp}`,
        `  evidence keys trust NAME ${fp}    (to trust it from now on)`,
      ].join('\n');
    }
    case 'invalid':
      return para(`INVALID: ${errors} error${errors === 1 ? '' : 's'}. The packet was changed or damaged after it was signed, or was not made correctly: do not rely on it.`);
  }
}

/** A finding as a block: severity, check and file on one line, what differs wrapped below it. */
function finding(f: VerificationFinding): string {
  return `  ${f.severity.toUpperCase().padEnd(INDENT.length - 2)}${f.check} · ${printable(f.file ?? 'the packet as a whole')}\n${wrap(printable(f.message), WIDTH, INDENT)}`;
}

/** `evidence verify` for people: what was checked, every finding (file and what differs), then the verdict. */
export function verificationText(result: VerificationResult, path: string, shownPath: string): string {
  const signer = result.fingerprint === null ? 'unknown (no readable signer.pub.pem)' : `${result.fingerprint}${result.status === 'valid-trusted' ? ` (trusted${result.signerName ? ` as "${printable(result.signerName)}"` : ''})` : ''}`;
  const lines = [
    `Packet     ${path}`,
    `Packet id  ${printable(result.packetId ?? 'unknown')}`,
    `Signer     ${signer}`,
    `Files      ${result.files.length} checked`,
    '',
    result.findings.length === 0 ? 'No findings.' : `Findings:\n${result.findings.map(finding).join('\n')}`,
    '',
    verdictText(result, shownPath),
  ];
  return lines.join('\n');
}
