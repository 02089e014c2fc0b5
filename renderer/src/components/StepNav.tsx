import { useRef, type KeyboardEvent } from 'react';
import { STEPS, type StepId } from '../../../shared/steps';

/** The reviewer's path as a vertical list; arrow keys move between steps, Enter or Space opens one. */
export function StepNav({ current, onSelect }: { current: StepId; onSelect: (step: StepId) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? STEPS.length - 1 : index + delta;
    if (target === index || target < 0 || target >= STEPS.length) return;
    event.preventDefault();
    buttons.current[target]?.focus();
  };
  return (
    <nav aria-label="Reviewer's path" className="step-nav">
      <ol>
        {STEPS.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              ref={(el) => {
                buttons.current[index] = el;
              }}
              aria-current={step.id === current ? 'step' : undefined}
              onClick={() => onSelect(step.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              {step.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
