import { useEffect, useRef } from 'react';
import { STEPS, type StepId } from '../../../shared/steps';
import { FormatScreen } from './format/FormatScreen';
import { ScopeScreen } from './scope/ScopeScreen';
import { VerifyScreen } from './verify/VerifyScreen';

/**
 * One step of the path. Until a step's feature lands it says so plainly: nothing here pretends to work.
 */
export function StepScreen({ step }: { step: StepId }) {
  const index = STEPS.findIndex((s) => s.id === step);
  const info = STEPS[index]!;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  return (
    <section aria-labelledby="step-heading" className="step-screen">
      <p className="step-kicker">
        Step {index + 1} of {STEPS.length}
      </p>
      <h1 id="step-heading" tabIndex={-1} ref={heading}>
        {info.label}
      </h1>
      <p className="step-summary">{info.summary}</p>
      {step === 'scope' ? (
        <ScopeScreen />
      ) : step === 'format' ? (
        <FormatScreen />
      ) : step === 'verify' ? (
        <VerifyScreen />
      ) : (
        <div className="not-yet" role="note">
          <strong>Not available in this build.</strong> This step arrives in a later release; nothing on this screen does anything
          yet.
        </div>
      )}
    </section>
  );
}
