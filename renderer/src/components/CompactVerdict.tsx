import type { VerificationView } from '../../../shared/bridge/types';
import { assertNever } from '../../../shared/result';
import { verdictText } from '../screens/verify/VerdictBanner';
import { useNavigation } from '../stores/navigation';
import type { PacketCheck } from '../stores/packet';
import { useVerify } from '../stores/verify';
import { ErrorAlert } from './ErrorAlert';

const ICON: Record<VerificationView['status'], string> = { 'valid-trusted': '✓', 'valid-untrusted': '!', invalid: '✗' };

/** A verification's verdict in one line, with the way to its findings in the Verify step. */
export function CompactVerdict({ check, testId }: { check: PacketCheck; testId?: string }) {
  const show = useVerify((s) => s.show);
  const go = useNavigation((s) => s.go);
  switch (check.status) {
    case 'idle':
      return null;
    case 'verifying':
      return (
        <p className="compact-verdict" role="status">
          Verifying the packet…{check.progress && check.progress.detail ? ` ${check.progress.detail}` : ''}
        </p>
      );
    case 'failed':
      return <ErrorAlert className="compact-verdict compact-verdict-invalid" title="The packet could not be verified." error={check.error} />;
    case 'done':
      return (
        <div className={`compact-verdict compact-verdict-${check.result.status}`} data-testid={testId}>
          <p role="status">
            <span aria-hidden="true">{ICON[check.result.status]}</span> <strong>{verdictText(check.result)}</strong>
          </p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              show(check.result);
              go('verify');
            }}
          >
            See every finding in the Verify step
          </button>
        </div>
      );
    default:
      return assertNever(check);
  }
}
