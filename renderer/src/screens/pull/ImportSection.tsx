import type { ImportCandidateView, ImportOutcomeView } from '../../../../shared/bridge/types';
import { EXPORT_FORMATS, EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../../shared/domain';
import { formatNumber, plural } from '../../../../shared/format';
import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TYPE_LABELS } from '../../lib/labels';
import { importable, usePull, type ImportChoice } from '../../stores/pull';
import { typeLabel } from './PreviewTable';
import { PullProgress } from './PullProgress';
import { ShortSha } from './TableCells';
import { TableWrap } from './TableWrap';

const kb = (bytes: number) => (bytes < 1024 ? plural(bytes, 'byte') : `${formatNumber(Math.round(bytes / 1024))} KB`);

/** The picked files, with the type and format detected for each, for the user to confirm or correct. */
function ConfirmTable({ candidates, choices }: { candidates: ImportCandidateView[]; choices: Record<string, ImportChoice> }) {
  const setChoice = usePull((s) => s.setImportChoice);
  return (
    <TableWrap testId="import-confirm" caption="Confirm what each file is">
      <thead>
        <tr>
          <th scope="col">Import</th>
          <th scope="col">File</th>
          <th scope="col">Detected</th>
          <th scope="col">Export type</th>
          <th scope="col">Format</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((c, index) => {
          const choice = choices[c.path] ?? { include: false, type: '', format: '' };
          const id = `import-${index}`;
          const usable = importable(c);
          return (
            <tr key={c.path}>
              <td>
                <input id={`${id}-include`} type="checkbox" checked={usable && choice.include} disabled={!usable} onChange={(e) => setChoice(c.path, { include: e.target.checked })} />
                <label htmlFor={`${id}-include`} className="visually-hidden">
                  Import {c.name}
                </label>
              </td>
              <th scope="row">
                <span className="pull-filename">{c.name}</span>
                <br />
                <span className="muted">{kb(c.bytes)}</span>
              </th>
              <td>
                {c.problem && !usable ? (
                  <div className="pull-problem pull-problem-inline">
                    <p>
                      <strong>Cannot be imported.</strong> {c.problem.message}
                    </p>
                    <p>{c.problem.hint}</p>
                  </div>
                ) : c.problem ? (
                  <div className="pull-warn-block">
                    <p>
                      <strong>Not recognised.</strong> {c.problem.message}
                    </p>
                    <p>{c.problem.hint}</p>
                  </div>
                ) : c.detectedFrom ? (
                  <span>
                    {c.type ? typeLabel(c.type) : 'type unknown'}, {c.format ? c.format.toUpperCase() : 'format unknown'} <span className="muted">(from the {c.detectedFrom})</span>
                  </span>
                ) : (
                  <span className="problem-warning">Not recognised: choose its type and format.</span>
                )}
              </td>
              <td>
                <label htmlFor={`${id}-type`} className="visually-hidden">
                  Export type of {c.name}
                </label>
                <select id={`${id}-type`} value={choice.type} disabled={!usable || !choice.include} onChange={(e) => setChoice(c.path, { type: e.target.value as ExportType | '' })}>
                  <option value="">Choose…</option>
                  {EXPORT_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <label htmlFor={`${id}-format`} className="visually-hidden">
                  Format of {c.name}
                </label>
                <select id={`${id}-format`} value={choice.format} disabled={!usable || !choice.include} onChange={(e) => setChoice(c.path, { format: e.target.value as ExportFormat | '' })}>
                  <option value="">Choose…</option>
                  {EXPORT_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {f.toUpperCase()}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableWrap>
  );
}

/** What happened to one imported file. */
function OutcomeItem({ outcome, name }: { outcome: ImportOutcomeView; name: string }) {
  switch (outcome.status) {
    case 'imported':
      return (
        <li>
          <strong>{name}</strong>: imported as {typeLabel(outcome.type)} ({outcome.format.toUpperCase()}), {plural(outcome.records, 'record')}, sha256 <ShortSha sha256={outcome.sha256} />.
        </li>
      );
    case 'duplicate':
      return (
        <li>
          <strong>{name}</strong>: already in the cache (sha256 <ShortSha sha256={outcome.sha256} />); not copied again.
        </li>
      );
    case 'failed':
      return (
        <li role="alert" className="pull-problem">
          <p>
            <strong>{name}</strong>: not imported. {outcome.error.message}
          </p>
          <p>{outcome.error.hint}</p>
        </li>
      );
    default:
      return assertNever(outcome);
  }
}

/**
 * Import export files carried in by hand: the main process shows the file dialog, detects each file's type
 * and format, and the user confirms or corrects them before anything is copied into the cache.
 */
export function ImportSection({ leads }: { leads: boolean }) {
  const state = usePull((s) => s.import);
  const choose = usePull((s) => s.chooseImportFiles);
  const runImport = usePull((s) => s.importFiles);
  const cancel = usePull((s) => s.cancelImport);
  const clear = usePull((s) => s.clearImport);
  const busy = state.status === 'choosing' || state.status === 'importing';
  const count = state.status === 'confirming' ? state.candidates.filter((c) => importable(c) && state.choices[c.path]?.include).length : 0;
  return (
    <section aria-labelledby="pull-import-heading" className="panel pull-section">
      <h2 id="pull-import-heading">Import files carried in by hand</h2>
      <p className="muted">
        Export files (CSV or JSON) from a Keeptrusts export, e.g. brought on a USB stick to an air-gapped review. Each file is copied into the cache unchanged,
        with where it came from. Choose them in the file dialog (dropping files onto the window is not supported).
      </p>
      <div className="pull-actions">
        <button type="button" className={leads && state.status === 'idle' ? 'primary' : ''} onClick={() => void choose()} disabled={busy}>
          {state.status === 'choosing' ? 'Waiting for the dialog…' : state.status === 'confirming' ? 'Choose other files…' : 'Choose files…'}
        </button>
      </div>
      <div aria-live="polite" data-testid="import">
        {state.status === 'confirming' && (
          <>
            <ConfirmTable candidates={state.candidates} choices={state.choices} />
            {state.problem && (
              <p role="alert" className="field-error">
                {state.problem}
              </p>
            )}
            <div className="pull-actions">
              <button type="button" className="primary" onClick={() => void runImport()}>
                Import {plural(count, 'file')}
              </button>
              <button type="button" onClick={clear}>
                Cancel
              </button>
            </div>
          </>
        )}
        {state.status === 'importing' && (
          <div className="pull-actions pull-importing">
            <PullProgress progress={state.progress} label="Importing files" />
            <button type="button" onClick={() => void cancel()}>
              Cancel import
            </button>
          </div>
        )}
        {state.status === 'done' && (
          <>
            <p role="status">Import finished.</p>
            <ul className="pull-outcomes" data-testid="import-outcomes">
              {state.outcomes.map((o) => (
                <OutcomeItem key={o.path} outcome={o} name={state.candidates.find((c) => c.path === o.path)?.name ?? o.path} />
              ))}
            </ul>
          </>
        )}
        {state.status === 'error' &&
          (state.error.code === 'cancelled' ? (
            <p role="status">The import was cancelled: the file being copied was not kept. Files finished before it are listed below.</p>
          ) : (
            <ErrorAlert className="pull-problem" title="The import failed." error={state.error} />
          ))}
      </div>
    </section>
  );
}
