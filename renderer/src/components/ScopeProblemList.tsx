import type { ScopeField, ScopeProblems } from '../lib/scope-draft';

const FIELD_LABELS: Record<ScopeField, string> = {
  window: 'Time window',
  from: 'From',
  to: 'To',
  environment: 'Environment',
  configVersion: 'Config version',
  types: 'Export types',
  requestIds: 'Request IDs',
  escalationIds: 'Escalation IDs',
  references: 'References',
  why: 'Why',
  controlTags: 'Control tags',
};

/** The review scope's problems as a list, each with the name of its field (the Scope step marks them there). */
export function ScopeProblemList({ problems }: { problems: ScopeProblems }) {
  return (
    <ul>
      {(Object.entries(problems) as [ScopeField, string][]).map(([field, message]) => (
        <li key={field}>
          {FIELD_LABELS[field]}: {message}
        </li>
      ))}
    </ul>
  );
}
