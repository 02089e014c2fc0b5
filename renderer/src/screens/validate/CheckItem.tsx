import { plural } from '../../../../shared/format';
import type { CheckExample, CheckResult } from '../../../../shared/schemas/validation';
import { STATUS_ICON, STATUS_WORD } from './status';

const EXAMPLE_COLUMNS: { key: keyof CheckExample; label: string }[] = [
  { key: 'file', label: 'File' },
  { key: 'record', label: 'Record' },
  { key: 'line', label: 'Line' },
  { key: 'byte_offset', label: 'Byte offset' },
  { key: 'field', label: 'Field' },
  { key: 'value', label: 'Value' },
  { key: 'note', label: 'Note' },
];

/** The records a check points at, with only the columns they have. */
function ExamplesTable({ examples }: { examples: CheckExample[] }) {
  const columns = EXAMPLE_COLUMNS.filter((c) => examples.some((e) => e[c.key] !== undefined));
  return (
    <table className="val-table">
      <caption>Examples</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {examples.map((example, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.key}>{example[c.key] === undefined ? '—' : String(example[c.key])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The status of a check as an icon and a word. */
export function StatusBadge({ status }: { status: CheckResult['status'] }) {
  return (
    <span className={`val-status val-status-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {STATUS_WORD[status]}
    </span>
  );
}

/** One check: its outcome in words, what it found, what to do about it, and (on request) the evidence and examples. */
export function CheckItem({ check }: { check: CheckResult }) {
  const hasEvidence = Object.keys(check.evidence).length > 0;
  const fixLabel = check.status === 'warn' || check.status === 'fail' ? 'Fix:' : check.status === 'skipped' ? 'To run this check:' : null;
  return (
    <li className={`val-check val-check-${check.status}`} data-check={check.id}>
      <div className="val-check-head">
        <StatusBadge status={check.status} />
        <strong className="val-check-title">{check.title}</strong>
      </div>
      <p className="val-check-summary">{check.summary}</p>
      {check.fix && fixLabel && (
        <p className="val-fix">
          <strong>{fixLabel}</strong> {check.fix}
        </p>
      )}
      {(hasEvidence || check.examples.length > 0) && (
        <details className="val-evidence">
          <summary>
            Evidence{check.examples.length > 0 ? ` and ${plural(check.examples.length, 'example')}` : ''} for “{check.title}”
          </summary>
          {check.examples.length > 0 && <ExamplesTable examples={check.examples} />}
          {hasEvidence && (
            <pre className="val-pre" tabIndex={0}>
              {JSON.stringify(check.evidence, null, 2)}
            </pre>
          )}
        </details>
      )}
    </li>
  );
}
