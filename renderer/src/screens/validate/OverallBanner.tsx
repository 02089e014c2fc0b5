import type { RefObject } from 'react';
import { plural } from '../../../../shared/format';
import { UtcTime } from '../../components/UtcTime';
import type { ValidationRun } from '../../stores/validation';
import { STATUS_ICON, STATUS_WORD } from './status';

const HEADLINE = { pass: 'Every check passed', warn: 'Passed with warnings', fail: 'Some checks failed' } as const;
const TONE = { pass: 'banner-ok', warn: 'banner-warn', fail: 'banner-bad' } as const;

/** The overall result first: pass, warn or fail in words and an icon, the counts, and when and against what it ran. */
export function OverallBanner({ run, origin, headingRef }: { run: ValidationRun; origin: 'kept' | 'new' | null; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { report } = run;
  const { counts } = report;
  return (
    <section aria-labelledby="val-overall-heading" className={`banner val-banner ${TONE[report.overall]}`} data-testid="validation-overall">
      <h2 id="val-overall-heading" tabIndex={-1} ref={headingRef}>
        <span aria-hidden="true" className="val-banner-icon">
          {STATUS_ICON[report.overall]}
        </span>{' '}
        {STATUS_WORD[report.overall]} — {HEADLINE[report.overall]}
      </h2>
      <ul className="val-counts" aria-label="Checks by outcome">
        <li>
          <span aria-hidden="true">{STATUS_ICON.fail}</span> {plural(counts.fail, 'failed', 'failed')}
        </li>
        <li>
          <span aria-hidden="true">{STATUS_ICON.warn}</span> {plural(counts.warn, 'warning')}
        </li>
        <li>
          <span aria-hidden="true">{STATUS_ICON.pass}</span> {plural(counts.pass, 'passed', 'passed')}
        </li>
        <li>
          <span aria-hidden="true">{STATUS_ICON.skipped}</span> {plural(counts.skipped, 'skipped', 'skipped')}
        </li>
      </ul>
      <p className="val-ran" data-testid="validation-ran">
        Validated <UtcTime at={report.generated_at} readable /> — run {run.runId}
        {origin === 'kept' ? ', the most recent one kept in this workspace.' : ', just now.'}
      </p>
      <p className="val-scope-line">
        Against the window <UtcTime at={report.scope.window.from} readable /> to <UtcTime at={report.scope.window.to} readable />
        {report.scope.environment ? `, environment ${report.scope.environment}` : ''}
        {report.scope.config_version ? `, config version ${report.scope.config_version}` : ''}; {plural(report.files.length, 'file')}.
      </p>
    </section>
  );
}
