import type { ReactNode } from 'react';

/** Why something failed, as an alert: what failed in bold, the error's message, its hint, then `children` (a way to try again). */
export function ErrorAlert({ className, title, error, children }: { className: string; title: ReactNode; error: { message: string; hint?: string }; children?: ReactNode }) {
  return (
    <div role="alert" className={className}>
      <p>
        <strong>{title}</strong> {error.message}
      </p>
      {error.hint ? <p>{error.hint}</p> : null}
      {children}
    </div>
  );
}
