import type { ConnectionCheckView } from '../../../../shared/bridge/types';
import { plural } from '../../../../shared/format';
import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CheckState } from '../../stores/workspaces';

/** The headline of a check's answer: what is wrong (or that nothing is), before the details. */
export function checkHeadline(status: ConnectionCheckView['status']): string {
  switch (status) {
    case 'ok':
      return 'Connection OK.';
    case 'unreachable':
      return 'Unreachable.';
    case 'bad-token':
      return 'Bad token.';
    case 'missing-scope':
      return 'Missing export scope.';
    case 'not-keeptrusts':
      return 'Not a Keeptrusts API.';
    case 'error':
      return 'The check failed.';
    default:
      return assertNever(status);
  }
}

/** The answer of one "check connection", in words: a status when all is well, an alert with the next step when not. */
export function CheckResult({ check, testId }: { check: CheckState | undefined; testId?: string }) {
  return (
    <div aria-live="polite" className="ws-check" data-testid={testId}>
      {check?.status === 'checking' && <p className="muted">Checking the connection…</p>}
      {check?.status === 'error' && (
        <ErrorAlert className="ws-problem" title="The connection could not be checked." error={check.error} />
      )}
      {check?.status === 'done' &&
        (check.result.status === 'ok' ? (
          <div className="ws-ok">
            <p>
              <strong>{checkHeadline('ok')}</strong> {check.result.message}
            </p>
            <p>
              {check.result.eventsLastHour !== null && `The API holds ${plural(check.result.eventsLastHour, 'event')} from the last hour. `}
              {check.result.hint}
            </p>
          </div>
        ) : (
          <ErrorAlert className="ws-problem" title={checkHeadline(check.result.status)} error={check.result} />
        ))}
    </div>
  );
}
