import type { ReviewScope } from '../../../../shared/schemas/scope';
import { isExportType } from '../../../../shared/domain';
import { UtcTime } from '../../components/UtcTime';
import { TYPE_LABELS } from '../../lib/labels';
import { useNavigation } from '../../stores/navigation';
import { usePacket, type PacketInputs } from '../../stores/packet';

const number = new Intl.NumberFormat('en');
const OVERALL: Record<'pass' | 'warn' | 'fail', string> = { pass: 'Pass', warn: 'Warnings', fail: 'Failed checks' };

/** A size in bytes, in the unit a person reads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${number.format(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const typeLabel = (type: string) => (isExportType(type) ? TYPE_LABELS[type] : type);
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

/** The overall result of a validation, in words, marked when it is not a pass. */
export function Overall({ overall }: { overall: 'pass' | 'warn' | 'fail' }) {
  return <span className={`overall overall-${overall}`}>{OVERALL[overall]}</span>;
}

function ScopeFacts({ scope }: { scope: ReviewScope }) {
  return (
    <>
      <dt>Window</dt>
      <dd>
        <UtcTime at={scope.window.from} /> to <UtcTime at={scope.window.to} />
        {scope.window.relative ? <span className="hint"> (the last {scope.window.relative}, resolved again when packing)</span> : null}
      </dd>
      <dt>Environment</dt>
      <dd>{scope.environment ?? 'not specified'}</dd>
      <dt>Config version</dt>
      <dd>{scope.config_version ?? 'not specified'}</dd>
      <dt>Export types</dt>
      <dd>{scope.types.map(typeLabel).join(', ') || 'none'}</dd>
      <dt>IDs and references</dt>
      <dd>
        {plural(scope.request_ids.length, 'request ID', 'request IDs')}, {plural(scope.escalation_ids.length, 'escalation ID', 'escalation IDs')},{' '}
        {plural(scope.references?.length ?? 0, 'reference', 'references')}
      </dd>
    </>
  );
}

/** What stops packing now, each with the step that fixes it. */
export function Blockers({ inputs }: { inputs: PacketInputs }) {
  const go = useNavigation((s) => s.go);
  if (inputs.status !== 'ready') return null;
  const items: { key: string; text: string; step: 'scope' | 'note' | 'pull'; action: string }[] = [];
  if (!inputs.scope) items.push({ key: 'scope', text: 'The scope has problems.', step: 'scope', action: 'Go to the Scope step' });
  else if (!inputs.note) items.push({ key: 'note', text: `The note is not complete: ${inputs.noteProblems.join(' ')}`, step: 'note', action: 'Go to the Note step' });
  if (inputs.files && inputs.files.count === 0) items.push({ key: 'files', text: 'There are no export files in this workspace yet.', step: 'pull', action: 'Go to the Pull step' });
  if (items.length === 0) return null;
  return (
    <ul className="packet-blockers" data-testid="packet-blockers">
      {items.map((item) => (
        <li key={item.key}>
          <span>{item.text}</span>{' '}
          <button type="button" className="secondary" onClick={() => go(item.step)}>
            {item.action}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What will be packed: the scope, the note's author, the files and the latest validation; and whether to record this computer. */
export function PackSummary() {
  const inputs = usePacket((s) => s.inputs);
  const includeHost = usePacket((s) => s.includeHost);
  const setIncludeHost = usePacket((s) => s.setIncludeHost);
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">What will be packed</h2>
      {inputs.status !== 'ready' ? (
        <p className="muted" role="status">
          Reading the scope, the note and the files…
        </p>
      ) : (
        <>
          <dl className="packet-facts" data-testid="pack-summary">
            {inputs.scope ? <ScopeFacts scope={inputs.scope} /> : null}
            <dt>Note</dt>
            <dd>{inputs.note ? `By ${inputs.note.reviewer.name}; ${plural(inputs.note.limitations.length, 'known limitation', 'known limitations')}` : 'not complete'}</dd>
            <dt>Export files</dt>
            <dd data-testid="pack-files">
              {inputs.files
                ? inputs.files.count === 0
                  ? 'none yet'
                  : `${plural(inputs.files.count, 'file', 'files')} (${formatBytes(inputs.files.bytes)}): ${inputs.files.types.map(typeLabel).join(', ')}`
                : `unknown (${inputs.filesError?.message ?? 'not read'})`}
            </dd>
            <dt>Latest validation</dt>
            <dd data-testid="pack-validation">
              {inputs.validation ? (
                <>
                  <Overall overall={inputs.validation.overall} /> (<UtcTime at={inputs.validation.generatedAt} />)
                </>
              ) : inputs.validationError ? (
                `unknown (${inputs.validationError.message})`
              ) : (
                'none yet'
              )}
            </dd>
          </dl>
          <p className="hint">Packing validates the files again; the packet carries that report, whatever it says, and writes even when checks warn or fail.</p>
          <Blockers inputs={inputs} />
        </>
      )}
      <div className="include-host">
        <label>
          <input type="checkbox" checked={includeHost} onChange={(e) => setIncludeHost(e.target.checked)} aria-describedby="include-host-hint" /> Include this computer's user and host name
        </label>
        <p id="include-host-hint" className="hint">
          Recorded in the packet's evidence.json, so a receiver can see where it was made. Off by default.
        </p>
      </div>
    </section>
  );
}
