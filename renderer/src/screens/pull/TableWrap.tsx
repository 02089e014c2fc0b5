import { useId, type ReactNode } from 'react';

/**
 * A table that may scroll sideways in a narrow window: the scrolling region is named by the table's caption
 * and can take keyboard focus, so it can be scrolled without a mouse.
 */
export function TableWrap({ caption, testId, children }: { caption: ReactNode; testId?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="pull-table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="pull-table" data-testid={testId}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
