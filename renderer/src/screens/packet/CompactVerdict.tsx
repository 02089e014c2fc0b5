import type { VerificationView } from '../../../../shared/bridge/types';
import { assertNever } from '../../../../shared/result';
import type { PacketCheck } from '../../stores/packet';
import { useNavigation } from '../../stores/navigation';
import { useVerify } from '../../stores/verify';
import { verdictText } from '../verify/VerdictBanner';

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
      return (
        <div className="compact-verdict compact-verdict-invalid" role="alert">
          <p>
            <strong>The packet could not be verified.</strong> {check.error.message}
          </p>
          <p>{check.error.hint}</p>
        </div>
      );
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
