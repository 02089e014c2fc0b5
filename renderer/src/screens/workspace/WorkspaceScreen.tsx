import { useEffect, useState } from 'react';
import type { WorkspaceView } from '../../../../shared/bridge/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNavigation } from '../../stores/navigation';
import { useWorkspaces } from '../../stores/workspaces';
import { WorkspaceCard } from './WorkspaceCard';
import { WorkspaceForm } from './WorkspaceForm';
import './workspace.css';

/** What the last switch or removal did, for the live region above the list. */
function ListStatus() {
  const opening = useWorkspaces((s) => s.opening);
  const removing = useWorkspaces((s) => s.removing);
  return (
    <p role="status" className="ws-list-status" data-testid="workspace-status">
      {opening.status === 'opening' && 'Switching workspace…'}
      {opening.status === 'opened' && `Now working in “${opening.workspace.name}”.`}
      {removing.status === 'removed' && opening.status !== 'opening' && ` Removed “${removing.name}”; its cached files stay in the cache.`}
    </p>
  );
}

/**
 * Step 1: where evidence comes from. The demo (the sample API inside the app, marked as demo data), Keeptrusts
 * APIs with their token (entered once, shown masked, kept in the secret store) and offline workspaces.
 */
export function WorkspaceScreen() {
  const list = useWorkspaces((s) => s.list);
  const load = useWorkspaces((s) => s.load);
  const go = useNavigation((s) => s.go);
  const [editing, setEditing] = useState<WorkspaceView | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const current = list.workspaces.find((w) => w.current) ?? null;
  return (
    <div className="workspace-screen">
      <section aria-labelledby="ws-list-heading">
        <h2 id="ws-list-heading">Workspaces</h2>
        <ListStatus />
        {list.status === 'error' && (
          <ErrorAlert className="ws-problem" title="The workspaces could not be listed." error={list.error}>
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </ErrorAlert>
        )}
        {list.workspaces.length === 0 ? (
          <p className="muted">{list.status === 'loading' || list.status === 'idle' ? 'Loading the workspaces…' : 'There are no workspaces yet.'}</p>
        ) : (
          <ul className="ws-list" aria-labelledby="ws-list-heading">
            {list.workspaces.map((w) => (
              <WorkspaceCard key={w.id} workspace={w} onEdit={setEditing} />
            ))}
          </ul>
        )}
      </section>
      <WorkspaceForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
      {current && (
        <div className="ws-next">
          <button type="button" className="primary" onClick={() => go('scope')}>
            Continue to Scope
          </button>
          <span className="muted"> Working in “{current.name}”.</span>
        </div>
      )}
    </div>
  );
}
