import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, FieldError } from './FieldError';

/** What a field's control carries: its id, and what describes it (its hint, its problem) and whether it is invalid. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  /** The field's problem, shown under it (id `<id>-error`). */
  error: string | undefined;
  /** A hint shown under the control (id `<id>-hint`). */
  hint?: ReactNode;
  /** Other elements that describe the control, by id: a hint shared by several fields, a count. */
  describedBy?: (string | false | undefined)[];
  /** What goes between the hint and the problem. */
  below?: ReactNode;
}

/**
 * A labelled field: the label, the control `children` draws (with the props it must carry), a hint and
 * the problem right under it. The control points at its hint and problem with aria-describedby.
 */
export function Field({ id, label, error, hint, describedBy: others = [], below, children }: FieldProps & { children: (control: FieldControl) => ReactNode }) {
  const control: FieldControl = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint !== undefined && `${id}-hint`, ...others, error && `${id}-error`),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {below}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A labelled text input: a Field whose control is an `<input>` with the other props given. */
export function TextField({ id, label, error, hint, describedBy, below, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | keyof FieldControl>) {
  return (
    <Field id={id} label={label} error={error} hint={hint} describedBy={describedBy} below={below}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}
