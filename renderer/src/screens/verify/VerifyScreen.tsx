import { useEffect, useRef } from 'react';
import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TaskProgressBar } from '../../components/ProgressBar';
import { useVerify } from '../../stores/verify';
import { FilesTable } from './FilesTable';
import { FindingsList } from './FindingsList';
import { PacketDocuments } from './PacketDocuments';
import { VerdictBanner } from './VerdictBanner';
import './verify.css';

/**
 * The Verify step: open a packet (the main process shows the file dialog), watch it being read, then the
 * verdict first, every finding with its file, and the files of the zip.
 */
export function VerifyScreen() {
  const state = useVerify((s) => s.state);
  const verify = useVerify((s) => s.verify);
  const cancel = useVerify((s) => s.cancel);
  const busy = state.status === 'choosing' || state.status === 'verifying';
  const verdict = useRef<HTMLHeadingElement>(null);
  const result = state.status === 'done' ? state.result : null;
  useEffect(() => {
    // A new verdict takes the focus, so keyboard and screen-reader users land on it.
    if (result) verdict.current?.focus();
  }, [result]);

  return (
    <div className="verify-screen">
      <div className="verify-actions">
        <button type="button" className="primary" onClick={() => void verify()} disabled={busy}>
          {state.status === 'done' ? 'Open another packet…' : 'Open a packet…'}
        </button>
        {busy && (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      <div aria-live="polite">{renderBody()}</div>
    </div>
  );

  function renderBody() {
    switch (state.status) {
      case 'idle':
        return (
          <p className="muted">
            Choose a packet (a .zip file) in the dialog that opens. It is read where it is: nothing is extracted or written.
          </p>
        );
      case 'choosing':
        return <p className="muted">Waiting for you to choose a packet in the dialog…</p>;
      case 'verifying':
        return <TaskProgressBar label={state.progress.title || 'Verifying the packet'} title={state.progress.title} detail={state.progress.detail} value={state.progress.value} />;
      case 'failed':
        return (
          <ErrorAlert className="failure" title="The packet could not be verified." error={state.error} />
        );
      case 'done':
        return (
          <>
            <VerdictBanner result={state.result} trust={state.trust} headingRef={verdict} />
            <PacketDocuments result={state.result} />
            <FindingsList findings={state.result.findings} />
            <FilesTable files={state.result.files} />
          </>
        );
      default:
        return assertNever(state);
    }
  }
}
