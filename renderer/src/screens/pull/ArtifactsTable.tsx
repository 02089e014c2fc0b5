import { formatNumber } from '../../../../shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePull } from '../../stores/pull';
import { typeLabel } from './PreviewTable';
import { ShortSha, TimeSpan } from './TableCells';
import { TableWrap } from './TableWrap';

/** The export files in the workspace's cache, with what they hold and where they came from. */
export function ArtifactsTable() {
  const state = usePull((s) => s.artifacts);
  const load = usePull((s) => s.loadArtifacts);
  const { artifacts } = state;
  return (
    <section aria-labelledby="pull-cache-heading" className="panel pull-section">
      <h2 id="pull-cache-heading">Files in the cache</h2>
      {state.status === 'error' && (
        <ErrorAlert className="pull-problem" title="The cached files could not be listed." error={state.error}>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {artifacts.length === 0 ? (
        <p className="muted" data-testid="no-artifacts">
          {state.status === 'loading' || state.status === 'idle' ? 'Loading…' : 'No export files in this workspace yet.'}
        </p>
      ) : (
        <TableWrap testId="artifacts" caption={`Export files in this workspace (${formatNumber(artifacts.length)})`}>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Type</th>
              <th scope="col" className="numeric">
                Records
              </th>
              <th scope="col">First and last record (UTC)</th>
              <th scope="col">Source</th>
              <th scope="col">sha256</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="pull-filename">
                  {a.originalFilename}
                </th>
                <td>
                  {typeLabel(a.type)} <span className="muted">({a.format.toUpperCase()})</span>
                </td>
                <td className="numeric">{a.recordCount === null ? <span className="muted">—</span> : formatNumber(a.recordCount)}</td>
                <td>
                  <TimeSpan from={a.firstRecordAt} to={a.lastRecordAt} />
                </td>
                <td>{a.source === 'pulled' ? 'Pulled' : 'Imported'}</td>
                <td>
                  <ShortSha sha256={a.sha256} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </section>
  );
}
