// The packet verifier (docs/PACKET.md, "What the app's verifier checks"): reads a packet zip without
// extracting it, writes nothing, and reports every finding with the file it is about.
export { verifyPacket, type VerifyOptions } from './verify';
export {
  DEFAULT_LIMITS,
  VERIFICATION_CHECKS,
  type FindingSeverity,
  type VerificationCheck,
  type VerificationFinding,
  type VerificationResult,
  type VerificationStatus,
  type VerifiedFile,
  type VerifyLimits,
  type VerifyProgress,
} from './types';
export { BAGIT_TXT, parseBagInfo, parseManifest, type BagInfo, type ManifestLine } from './bagit';
