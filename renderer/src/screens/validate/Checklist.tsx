import { useId, useState } from 'react';
import { formatNumber, plural } from '../../../../shared/format';
import type { CheckResult, ValidationReport } from '../../../../shared/schemas/validation';
import { TYPE_LABELS } from '../../lib/labels';
import { CheckItem, StatusBadge } from './CheckItem';

const bytes = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${(n / 1000).toFixed(1)} kB` : `${formatNumber(n)} bytes`);
const isProblem = (check: CheckResult) => check.status === 'warn' || check.status === 'fail';

function Checks({ checks, onlyProblems }: { checks: CheckResult[]; onlyProblems: boolean }) {
  const shown = onlyProblems ? checks.filter(isProblem) : checks;
  if (shown.length === 0) return <p className="muted">No warnings or failures here.</p>;
  return (
    <ul className="val-checks">
      {shown.map((check) => (
        <CheckItem key={check.id} check={check} />
      ))}
    </ul>
  );
}

/** The report as a checklist: the checks across the files, then each file's, then the known limitations. */
export function Checklist({ report }: { report: ValidationReport }) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const id = useId();
  return (
    <section aria-labelledby="val-checks-heading" className="val-section" data-testid="checklist">
      <div className="val-section-head">
        <h2 id="val-checks-heading">Checks</h2>
        <label className="val-toggle">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only warnings and failures
        </label>
      </div>

      <section aria-labelledby={`${id}-set`} className="val-file">
        <h3 id={`${id}-set`}>Across the files, against the scope</h3>
        <Checks checks={report.checks} onlyProblems={onlyProblems} />
      </section>

      {report.files.map((file, i) => (
        <section key={file.sha256 + file.name} aria-labelledby={`${id}-file-${i}`} className="val-file">
          <h3 id={`${id}-file-${i}`}>
            <code>{file.name}</code> <StatusBadge status={file.status} />
          </h3>
          <p className="val-file-facts">
            {TYPE_LABELS[file.type]}, {file.format.toUpperCase()}, {plural(file.records, 'record')}, {bytes(file.bytes)}
            {file.read_completely ? '' : ' (not read completely)'} · sha256 <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>
          </p>
          <Checks checks={file.checks} onlyProblems={onlyProblems} />
        </section>
      ))}

      <section aria-labelledby={`${id}-limits`} className="val-file">
        <h3 id={`${id}-limits`}>Known limitations</h3>
        {report.limitations.length === 0 ? (
          <p className="muted">None: every export type the scope asked for is here, with records.</p>
        ) : (
          <>
            <ul className="val-limitations">
              {report.limitations.map((l, i) => (
                <li key={i}>
                  <strong>{TYPE_LABELS[l.type]}:</strong> {l.text}
                </li>
              ))}
            </ul>
            <p className="muted">The Note step offers these as the packet's known limitations.</p>
          </>
        )}
      </section>
    </section>
  );
}
