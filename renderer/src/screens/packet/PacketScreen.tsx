import { useEffect } from 'react';
import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePacket } from '../../stores/packet';
import { KeySection } from './KeySection';
import { PackProgressView } from './PackProgressView';
import { PackResult } from './PackResult';
import { PackSummary } from './PackSummary';
import './packet.css';

/** Why the write button is not offered yet, or null when it is. */
function blockedBecause(state: ReturnType<typeof usePacket.getState>): string | null {
  const { key, inputs } = state;
  if (key.status !== 'ready' || key.key.state !== 'ready') return 'Create or unlock the signing key first.';
  if (inputs.status !== 'ready') return 'Reading what will be packed…';
  if (!inputs.scope || !inputs.note || (inputs.files && inputs.files.count === 0)) return 'Fix what is listed above first.';
  return null;
}

/**
 * The Packet step: the signing key, what will be packed, then a folder chosen in the app's native dialog,
 * progress by stage, and the packet written: path, sha256 and signer, "Verify now" and "Show in folder".
 */
export function PacketScreen() {
  const run = usePacket((s) => s.run);
  const load = usePacket((s) => s.load);
  const pack = usePacket((s) => s.pack);
  const cancel = usePacket((s) => s.cancel);
  const again = usePacket((s) => s.again);
  const blocked = usePacket(blockedBecause);

  useEffect(() => {
    void load();
  }, [load]);

  switch (run.status) {
    case 'done':
      return (
        <div className="packet-screen">
          <PackResult outcome={run.outcome} check={run.check} reveal={run.reveal} />
        </div>
      );
    case 'choosing':
      return (
        <div className="packet-screen">
          <PackProgressView progress={null} onCancel={null} />
        </div>
      );
    case 'packing':
      return (
        <div className="packet-screen">
          <PackProgressView progress={run.progress} onCancel={() => void cancel()} />
        </div>
      );
    case 'failed':
      return (
        <div className="packet-screen">
          <ErrorAlert className="packet-error" title="No packet was written." error={run.error} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void again()}>
              Back to the packet
            </button>
          </div>
        </div>
      );
    case 'idle':
      return (
        <div className="packet-screen">
          <KeySection />
          <PackSummary />
          <div className="actions pack-actions">
            <button type="button" className="primary" onClick={() => void pack()} disabled={blocked !== null} aria-describedby={blocked ? 'pack-blocked' : undefined}>
              Choose folder and write packet
            </button>
          </div>
          {blocked ? (
            <p id="pack-blocked" className="hint">
              {blocked}
            </p>
          ) : null}
          <p role="status" className="pack-notice" data-testid="pack-notice">
            {run.notice}
          </p>
        </div>
      );
    default:
      return assertNever(run);
  }
}
