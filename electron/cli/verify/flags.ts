import type { Flags } from '../flags';
import { parseFingerprintArg } from '../keys/flags';
import { UsageError } from '../usage-error';
import { listValues, parseText } from '../values';

/** `evidence verify`, minus the flags every command has. */
export interface VerifyOptions {
  packet: string;
  /** Fingerprints trusted for this run, besides the cache's trusted signers. */
  trust: string[];
}

/** The flags `evidence verify` takes besides the common ones. */
export const VERIFY_FLAGS = { trust: { type: 'string', multiple: true } } as const;

/** Reads `evidence verify PACKET.zip [--trust FINGERPRINT…]`. */
export function verifyOptions(flags: Flags): VerifyOptions {
  if (flags.positionals.length !== 1) {
    throw new UsageError(flags.positionals.length === 0 ? 'evidence verify needs the PACKET.zip to verify.' : 'evidence verify takes one packet at a time.', 'evidence verify PACKET.zip [--trust FINGERPRINT]');
  }
  return {
    packet: parseText(flags.positionals[0]!, 'The PACKET', 4096),
    trust: listValues(flags.strings('trust'), '--trust').map((fp) => parseFingerprintArg(fp, 'A --trust value')),
  };
}
