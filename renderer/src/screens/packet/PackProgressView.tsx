import { ProgressBar, toPercent } from '../../components/ProgressBar';
import { PACK_STAGES, type PackProgress, type PackStage } from '../../stores/packet';

const STAGE_LABELS: Record<PackStage, string> = {
  validate: 'Validate the files again',
  write: 'Write and sign the packet',
  verify: 'Verify what was written',
};

/** The running pack: its three stages (each said in words: done, now, next) and one bar over the whole. */
export function PackProgressView({ progress, onCancel }: { progress: PackProgress | null; onCancel: (() => void) | null }) {
  const current = progress ? PACK_STAGES.indexOf(progress.stage) : -1;
  const percent = toPercent(progress?.value);
  return (
    <section className="panel pack-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Writing the packet</h2>
      {progress === null ? (
        <p className="muted" role="status">
          Waiting for you to choose a folder in the dialog…
        </p>
      ) : (
        <>
          <p role="status" className="stage-status">
            Stage {current + 1} of {PACK_STAGES.length}: {STAGE_LABELS[progress.stage]}
          </p>
          <ol className="pack-stages">
            {PACK_STAGES.map((stage, index) => {
              const state = index < current ? 'done' : index === current ? 'now' : 'next';
              return (
                <li key={stage} className={`stage stage-${state}`} aria-current={state === 'now' ? 'step' : undefined}>
                  <span aria-hidden="true" className="stage-mark">
                    {state === 'done' ? '✓' : state === 'now' ? '●' : '○'}
                  </span>{' '}
                  {STAGE_LABELS[stage]} <span className="stage-state">({state === 'done' ? 'done' : state === 'now' ? 'in progress' : 'to do'})</span>
                </li>
              );
            })}
          </ol>
          <ProgressBar label="Packing" percent={percent} text={progress.title} />
          <p className="muted progress-detail">
            {progress.title}
            {percent === null ? '' : ` — ${percent}%`}
            {progress.detail ? `: ${progress.detail}` : ''}
          </p>
        </>
      )}
      {onCancel ? (
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      ) : null}
    </section>
  );
}
