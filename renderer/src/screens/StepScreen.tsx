import { useEffect, useRef, type ReactNode } from 'react';
import { STEPS, type StepId } from '../../../shared/steps';
import { FormatScreen } from './format/FormatScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { NoteScreen } from './note/NoteScreen';
import { PacketScreen } from './packet/PacketScreen';
import { PullScreen } from './pull/PullScreen';
import { ScopeScreen } from './scope/ScopeScreen';
import { ValidateScreen } from './validate/ValidateScreen';
import { VerifyScreen } from './verify/VerifyScreen';
import { WorkspaceScreen } from './workspace/WorkspaceScreen';

const SCREENS: Record<StepId, () => ReactNode> = {
  workspace: WorkspaceScreen,
  scope: ScopeScreen,
  format: FormatScreen,
  pull: PullScreen,
  validate: ValidateScreen,
  note: NoteScreen,
  packet: PacketScreen,
  verify: VerifyScreen,
  history: HistoryScreen,
};

/** One step of the path: its heading (focused on arrival, so screen readers announce the step) and its screen. */
export function StepScreen({ step }: { step: StepId }) {
  const index = STEPS.findIndex((s) => s.id === step);
  const info = STEPS[index]!;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  const Screen = SCREENS[step];
  return (
    <section aria-labelledby="step-heading" className="step-screen">
      <p className="step-kicker">
        Step {index + 1} of {STEPS.length}
      </p>
      <h1 id="step-heading" tabIndex={-1} ref={heading}>
        {info.label}
      </h1>
      <p className="step-summary">{info.summary}</p>
      <Screen />
    </section>
  );
}
