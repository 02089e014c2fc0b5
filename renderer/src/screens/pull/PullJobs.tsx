import type { ReactNode } from 'react';
import { EXPORT_TYPES } from '../../../../shared/domain';
import { plural } from '../../../../shared/format';
import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TYPE_LABELS } from '../../lib/labels';
import { isPulling, usePull, type PullRow } from '../../stores/pull';
import { PullProgress } from './PullProgress';
import { ShortSha } from './TableCells';
import { TableWrap } from './TableWrap';

/** How one export ended (or where it is), in words; failures as an alert with the next step. */
function Outcome({ row }: { row: PullRow }): ReactNode {
  switch (row.phase) {
    case 'waiting':
      return <span className="muted">Waiting for the export before it.</span>;
    case 'running':
      return <PullProgress progress={row.progress} label={`Pulling ${TYPE_LABELS[row.type]}`} />;
    case 'pulled':
      return row.outcome?.status === 'pulled' ? (
        <span>
          Pulled {plural(row.outcome.records, 'record')} into <code>{row.outcome.filename}</code>, sha256 <ShortSha sha256={row.outcome.sha256} />.
        </span>
      ) : null;
    case 'duplicate':
      return row.outcome?.status === 'duplicate' ? (
        <span>
          Already in the cache: the server’s file is identical to one pulled before (sha256 <ShortSha sha256={row.outcome.sha256} />). Nothing new was stored.
        </span>
      ) : null;
    case 'failed':
      return <ErrorAlert className="pull-problem" title="Failed." error={row.error ?? { message: '' }} />;
    case 'cancelled':
      return (
        <span>
          Cancelled: nothing of this export was kept.{row.error?.hint ? ` ${row.error.hint}` : ''}
        </span>
      );
    case 'skipped':
      return <span className="muted">Not started: the pull was cancelled.</span>;
    default:
      return assertNever(row.phase);
  }
}

/** The pull in one line for the live region: how many exports are done and which one is running. */
export function pullSummary(rows: PullRow[]): string {
  const finished = rows.filter((r) => r.phase !== 'waiting' && r.phase !== 'running');
  const running = rows.find((r) => r.phase === 'running');
  if (running) return `Pulling ${TYPE_LABELS[running.type]}: ${finished.length} of ${rows.length} exports finished.`;
  if (rows.some((r) => r.phase === 'waiting')) return `${finished.length} of ${rows.length} exports finished.`;
  const count = (phase: PullRow['phase']) => rows.filter((r) => r.phase === phase).length;
  const parts = [
    count('pulled') > 0 && `${count('pulled')} pulled`,
    count('duplicate') > 0 && `${count('duplicate')} already in the cache`,
    count('failed') > 0 && `${count('failed')} failed`,
    count('cancelled') + count('skipped') > 0 && `${count('cancelled') + count('skipped')} cancelled or not started`,
  ].filter(Boolean);
  return `${count('cancelled') + count('skipped') > 0 ? 'Pull stopped' : 'Pull finished'}: ${parts.join(', ')}.`;
}

/** One row per export job: the server's status as it spelled it, live progress, cancel, and retry after a failure. */
export function PullJobs() {
  const pull = usePull((s) => s.pull);
  const cancel = usePull((s) => s.cancel);
  const retry = usePull((s) => s.retry);
  if (pull.status !== 'active') return null;
  const busy = isPulling(pull);
  const rows = [...pull.rows].sort((a, b) => EXPORT_TYPES.indexOf(a.type) - EXPORT_TYPES.indexOf(b.type));
  return (
    <div className="pull-jobs">
      <p role="status" className="pull-summary" data-testid="pull-summary">
        {pullSummary(pull.rows)}
      </p>
      <TableWrap testId="pull-jobs" caption="Export jobs, one per type">
        <thead>
          <tr>
            <th scope="col">Export</th>
            <th scope="col">Server status</th>
            <th scope="col">Progress and outcome</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.type} data-testid={`job-${row.type}`} data-phase={row.phase}>
              <th scope="row">
                {TYPE_LABELS[row.type]} <span className="muted">({row.format.toUpperCase()})</span>
              </th>
              <td>
                {row.job ? (
                  <>
                    <code data-testid="server-status">{row.job.status}</code>
                    <br />
                    <span className="muted pull-job-id">job {row.job.id}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="pull-outcome">
                <Outcome row={row} />
              </td>
              <td>
                {row.phase === 'running' && (
                  <button type="button" onClick={() => void cancel()} disabled={pull.stopping} aria-label={`Cancel pulling ${TYPE_LABELS[row.type]}`}>
                    {pull.stopping ? 'Cancelling…' : 'Cancel'}
                  </button>
                )}
                {(row.phase === 'failed' || row.phase === 'cancelled' || row.phase === 'skipped') && (
                  <button type="button" onClick={() => void retry(row.type)} disabled={busy} aria-label={`Retry ${TYPE_LABELS[row.type]}`}>
                    Retry
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </div>
  );
}
