import type { PreviewSummary } from '../../../../shared/bridge/types';
import { isExportType } from '../../../../shared/domain';
import { formatNumber } from '../../../../shared/format';
import { TYPE_LABELS } from '../../lib/labels';
import { TimeSpan } from './TableCells';
import { TableWrap } from './TableWrap';

/** The label of an export type the API named (its own spelling when it is not one we know). */
export function typeLabel(type: string): string {
  return isExportType(type) ? TYPE_LABELS[type] : type;
}

/** "allow 328 (82%)" per verdict, largest first. */
export function verdictMix(counts: Record<string, number>): string[] {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([verdict, n]) => `${verdict} ${formatNumber(n)} (${Math.round((n / total) * 100)}%)`);
}

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="pull-cell-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** What the API holds for the scope, per export type, before any job is created. */
export function PreviewTable({ previews }: { previews: PreviewSummary[] }) {
  const known = previews.every((p) => p.recordCount !== null);
  const total = previews.reduce((sum, p) => sum + (p.recordCount ?? 0), 0);
  return (
    <TableWrap testId="preview-table" caption="What the API holds for this scope (nothing has been created yet)">
      <thead>
        <tr>
          <th scope="col">Export type</th>
          <th scope="col" className="numeric">
            Records
          </th>
          <th scope="col">Earliest and latest record (UTC)</th>
          <th scope="col">Environments</th>
          <th scope="col">Config versions</th>
          <th scope="col">Verdict mix</th>
        </tr>
      </thead>
      <tbody>
        {previews.map((p) => (
          <tr key={p.type}>
            <th scope="row">{typeLabel(p.type)}</th>
            <td className="numeric">
              {p.recordCount === null ? <span className="muted">not said</span> : formatNumber(p.recordCount)}
              {p.recordCount === 0 && <span className="problem-warning"> (empty)</span>}
            </td>
            <td>
              <TimeSpan from={p.earliest} to={p.latest} />
            </td>
            <td>
              <List items={p.environments} empty="—" />
            </td>
            <td>
              <List items={p.configVersions} empty="—" />
            </td>
            <td>
              <List items={verdictMix(p.countsByVerdict)} empty="—" />
            </td>
          </tr>
        ))}
      </tbody>
      {previews.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row">All types</th>
            <td className="numeric">{known ? formatNumber(total) : `at least ${formatNumber(total)}`}</td>
            <td colSpan={4} />
          </tr>
        </tfoot>
      )}
    </TableWrap>
  );
}
