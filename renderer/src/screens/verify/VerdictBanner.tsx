import type { RefObject } from 'react';
import type { VerificationView } from '../../../../shared/bridge/types';
import { assertNever } from '../../../../shared/result';
import { CopyableCode } from '../../components/CopyButton';
import type { TrustState } from '../../stores/verify';
import { TrustSignerForm } from './TrustSignerForm';

/** The banner's tone for each verdict. */
const TONE: Record<VerificationView['status'], string> = { 'valid-trusted': 'banner-ok', 'valid-untrusted': 'banner-warn', invalid: 'banner-bad' };

/** The verdict in words (never colour alone). */
export function verdictText(result: VerificationView): string {
  switch (result.status) {
    case 'valid-trusted':
      return `Valid — signed by ${result.signerName ?? 'a trusted signer'} (trusted)`;
    case 'valid-untrusted':
      return 'Valid — but the signer is not in your trusted list';
    case 'invalid': {
      const problems = result.findings.filter((f) => f.severity === 'error').length;
      return `Invalid — ${problems} ${problems === 1 ? 'problem' : 'problems'}`;
    }
    default:
      return assertNever(result.status);
  }
}

/** The verdict first: prominent, with the packet it is about and, for an unknown signer, what to do next. */
export function VerdictBanner({ result, trust, headingRef }: { result: VerificationView; trust: TrustState; headingRef: RefObject<HTMLHeadingElement | null> }) {
  return (
    <section aria-labelledby="verdict-heading" className={`banner verdict ${TONE[result.status]}`} data-testid="verdict">
      <h2 id="verdict-heading" tabIndex={-1} ref={headingRef}>
        <span aria-hidden="true" className="verdict-icon">
          {result.status === 'invalid' ? '✗' : result.status === 'valid-trusted' ? '✓' : '!'}
        </span>{' '}
        {verdictText(result)}
      </h2>
      {result.status === 'valid-untrusted' && (
        <p>Before trusting it, compare this fingerprint with the one the sender published (by a channel other than the packet itself).</p>
      )}
      {result.status === 'invalid' && <p>Do not rely on this packet: it is not what its signer signed, or it is not a well-formed packet. The findings below name each file.</p>}
      <dl className="packet-facts">
        <dt>Packet</dt>
        <dd>
          <code>{result.path}</code>
        </dd>
        <dt>Packet id</dt>
        <dd>{result.packetId ? <code>{result.packetId}</code> : 'unknown'}</dd>
        <dt>Signer fingerprint</dt>
        <dd>
          {result.fingerprint ? <CopyableCode text={result.fingerprint} label="Copy fingerprint" className="fingerprint" testId="fingerprint" /> : 'unknown'}
        </dd>
      </dl>
      {result.status === 'valid-untrusted' && result.fingerprint && <TrustSignerForm trust={trust} />}
    </section>
  );
}
