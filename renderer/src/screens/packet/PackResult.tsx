import { useEffect, useRef } from 'react';
import type { PackOutcomeView } from '../../../../shared/bridge/types';
import { CompactVerdict } from '../../components/CompactVerdict';
import { CopyableCode } from '../../components/CopyButton';
import { usePacket, type PacketCheck, type RevealState } from '../../stores/packet';
import { formatBytes, Overall } from './PackSummary';

/** What "Show in folder" did, in words. */
export function RevealOutcome({ reveal }: { reveal: RevealState }) {
  switch (reveal.status) {
    case 'idle':
    case 'busy':
      return null;
    case 'shown':
      return <span className="reveal-outcome">Shown in the file manager.</span>;
    case 'missing':
      return <span className="reveal-outcome">The packet is no longer where it was written (moved or deleted).</span>;
    case 'failed':
      return (
        <span role="alert" className="reveal-outcome packet-error-text">
          {reveal.error.message} {reveal.error.hint}
        </span>
      );
  }
}

/** The packet just written: where, its sha256 and signer (each copyable), its validation, and what to do next. */
export function PackResult({ outcome, check, reveal }: { outcome: PackOutcomeView; check: PacketCheck; reveal: RevealState }) {
  const verifyNow = usePacket((s) => s.verifyNow);
  const showInFolder = usePacket((s) => s.reveal);
  const again = usePacket((s) => s.again);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The result takes the focus, so keyboard and screen-reader users land on it.
    heading.current?.focus();
  }, [outcome]);
  return (
    <section className={`panel pack-result pack-result-${outcome.overall}`} aria-labelledby="result-heading" data-testid="pack-result">
      <h2 id="result-heading" tabIndex={-1} ref={heading}>
        <span aria-hidden="true">✓</span> Packet written and signed
      </h2>
      {outcome.overall !== 'pass' ? (
        <p className="pack-result-warning" data-testid="pack-result-warning">
          Its validation did not pass cleanly ({outcome.overall}). The packet was written anyway and says so in its report, for the receiver to see.
        </p>
      ) : null}
      <dl className="packet-facts">
        <dt>File</dt>
        <dd>
          <code data-testid="pack-path">{outcome.path}</code>
        </dd>
        <dt>Packet id</dt>
        <dd>
          <code>{outcome.packetId}</code>
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(outcome.bytes)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <CopyableCode text={outcome.sha256} label="Copy SHA-256" className="hash" testId="pack-sha256" />
        </dd>
        <dt>Signer fingerprint</dt>
        <dd>
          <CopyableCode text={outcome.fingerprint} label="Copy fingerprint" className="fingerprint" testId="pack-fingerprint" />
        </dd>
        <dt>Validation</dt>
        <dd>
          <Overall overall={outcome.overall} />
        </dd>
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void verifyNow()} disabled={check.status === 'verifying'}>
          Verify now
        </button>
        <button type="button" onClick={() => void showInFolder()} disabled={reveal.status === 'busy'}>
          Show in folder
        </button>
        <button type="button" onClick={() => void again()}>
          Make another packet
        </button>
      </div>
      <p role="status" className="reveal-status">
        <RevealOutcome reveal={reveal} />
      </p>
      <CompactVerdict check={check} testId="pack-verdict" />
    </section>
  );
}
