import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_COMMAND, verifyCommands, verifyTxt } from '../../../electron/core/packet';

const input = {
  zipName: 'evidence-INC-4711-20260320T110000Z.zip',
  stem: 'evidence-INC-4711-20260320T110000Z',
  packetId: 'pkt-1',
  createdAt: '2026-03-20T11:00:00.000Z',
  fingerprint: 'SHA256:Au4h6iM3ROmQONgNoZzZ5a9LAuJ7XHeDpmTLg8P+Oi8',
};

/** The recipient's commands as docs/PACKET.md writes them: the code block after "Recipient's check". */
function packetMdCommands(): string {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/PACKET.md'), 'utf8');
  const match = /Recipient's check with standard tools[^\n]*\n\n```\n([\s\S]*?)\n```/.exec(doc);
  if (!match) throw new Error('PACKET.md has no recipient command block');
  return match[1]!;
}

describe('VERIFY.txt', () => {
  it("uses exactly PACKET.md's commands, with the packet's own names filled in", () => {
    expect(verifyCommands('evidence-….zip', 'evidence-…').join('\n')).toBe(packetMdCommands());
    const text = verifyTxt(input);
    for (const command of verifyCommands(input.zipName, input.stem)) {
      const indented = command
        .split('\n')
        .map((line) => `     ${line}`)
        .join('\n');
      expect(text).toContain(`\n${indented}\n`);
    }
    expect(text).toContain('unzip evidence-INC-4711-20260320T110000Z.zip && cd evidence-INC-4711-20260320T110000Z/');
  });

  it("names the packet's fingerprint, how to compute it by hand, and that the hand-computed base64 ends in '='", () => {
    const text = verifyTxt(input);
    expect(text).toContain(`\n     ${input.fingerprint}\n`);
    expect(text).toContain(`\n     ${FINGERPRINT_COMMAND}\n`);
    expect(text).toContain('\n     Au4h6iM3ROmQONgNoZzZ5a9LAuJ7XHeDpmTLg8P+Oi8=\n');
    expect(text).toMatch(/trailing "="/);
    expect(text).toMatch(/ssh-style\s+fingerprints/);
    expect(text).toMatch(/another channel/);
    expect(text).toContain('Signature Verified Successfully');
  });

  it('is plain text: LF line ends, a final LF, ASCII apart from the names given', () => {
    const text = verifyTxt(input);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\r');
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
  });
});
