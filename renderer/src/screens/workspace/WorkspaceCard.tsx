import { useEffect, useId, useRef, useState } from 'react';
import type { WorkspaceView } from '../../../../shared/bridge/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useWorkspaces } from '../../stores/workspaces';
import { CheckResult } from './CheckResult';
import { kindText, tokenStorageText } from './token-text';

/** One workspace: what it is, where its API and token are, and what can be done with it. */
export function WorkspaceCard({ workspace, onEdit }: { workspace: WorkspaceView; onEdit: (workspace: WorkspaceView) => void }) {
  const check = useWorkspaces((s) => s.checks[workspace.id]);
  const opening = useWorkspaces((s) => s.opening);
  const removing = useWorkspaces((s) => s.removing);
  const open = useWorkspaces((s) => s.open);
  const runCheck = useWorkspaces((s) => s.check);
  const remove = useWorkspaces((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { name, kind } = workspace;
  const hasApi = kind !== 'offline';
  const removable = kind !== 'demo' && !workspace.current;
  const busyOpening = opening.status === 'opening';

  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const closeConfirmation = () => {
    setConfirming(false);
    requestAnimationFrame(() => removeButton.current?.focus());
  };

  return (
    <li className={workspace.current ? 'ws-card ws-card-current' : 'ws-card'} aria-labelledby={`${id}-name`} data-testid={`workspace-${workspace.id}`}>
      <div className="ws-card-head">
        <h3 id={`${id}-name`}>{name}</h3>
        {kind === 'demo' && <span className="badge badge-demo">Demo — sample data, not real traffic</span>}
        {workspace.current && <span className="ws-current-tag">Current workspace</span>}
      </div>
      <p className="muted">{kindText(kind)}</p>
      {(workspace.apiBaseUrl !== null || kind === 'keeptrusts') && (
        <dl className="ws-facts">
          {workspace.apiBaseUrl !== null && (
            <>
              <dt>API address</dt>
              <dd>
                <code>{workspace.apiBaseUrl}</code>
              </dd>
            </>
          )}
          {kind === 'keeptrusts' && (
            <>
              <dt>Token</dt>
              <dd data-testid="token">
                {workspace.token ? (
                  <>
                    <code>{workspace.token.masked}</code>, {tokenStorageText(workspace.token.storage)}.
                  </>
                ) : (
                  'None stored (it was kept for a session that has ended). Edit the workspace to enter it again.'
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      <div className="ws-actions">
        {!workspace.current && (
          <button type="button" className="primary" disabled={busyOpening} onClick={() => void open(workspace.id)}>
            {opening.status === 'opening' && opening.id === workspace.id ? 'Switching…' : <>Work in “{name}”</>}
          </button>
        )}
        {hasApi && (
          <button type="button" disabled={check?.status === 'checking'} onClick={() => void runCheck(workspace.id)} aria-label={`Check connection of “${name}”`}>
            Check connection
          </button>
        )}
        {kind !== 'demo' && (
          <button type="button" onClick={() => onEdit(workspace)} aria-label={`Edit “${name}”`}>
            Edit
          </button>
        )}
        {removable && !confirming && (
          <button type="button" ref={removeButton} className="danger" onClick={() => setConfirming(true)} aria-label={`Remove “${name}”…`}>
            Remove…
          </button>
        )}
      </div>
      {confirming && (
        <div className="ws-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            <strong>Remove “{name}”?</strong> {kind === 'keeptrusts' ? 'Its stored token is forgotten. ' : ''}Export files already in the cache and the custody log stay.
          </p>
          <div className="ws-actions">
            <button
              type="button"
              className="danger"
              disabled={removing.status === 'removing'}
              onClick={() => {
                setConfirming(false);
                void remove(workspace.id);
              }}
            >
              Yes, remove “{name}”
            </button>
            <button type="button" ref={keep} onClick={closeConfirmation}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {opening.status === 'error' && opening.id === workspace.id && (
        <ErrorAlert className="ws-problem" title={`Could not switch to “${name}”.`} error={opening.error} />
      )}
      {removing.status === 'error' && removing.id === workspace.id && (
        <ErrorAlert className="ws-problem" title={`Could not remove “${name}”.`} error={removing.error} />
      )}
      {hasApi && <CheckResult check={check} testId={`check-${workspace.id}`} />}
    </li>
  );
}
