import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { WorkspaceView } from '../../../../shared/bridge/types';
import { TextField } from '../../components/Field';
import { DRAFT_CHECK, useWorkspaces, workspaceFormProblems, type WorkspaceForm as FormValues } from '../../stores/workspaces';
import { CheckResult } from './CheckResult';
import { tokenStorageText } from './token-text';

const emptyForm = (): FormValues => ({ kind: 'keeptrusts', name: '', apiBaseUrl: '', token: '' });

/** The form for a workspace being edited (never its token: that stays in the main process), or an empty one. */
function formFor(editing: WorkspaceView | null): FormValues {
  return editing ? { kind: editing.kind === 'offline' ? 'offline' : 'keeptrusts', name: editing.name, apiBaseUrl: editing.apiBaseUrl ?? '', token: '' } : emptyForm();
}

/**
 * Add a Keeptrusts or offline workspace, or change one. The token is a password field: typed once, sent
 * to the main process (which keeps it in the secret store) and cleared; it is never shown again, only masked.
 */
export function WorkspaceForm({ editing, onDone }: { editing: WorkspaceView | null; onDone: () => void }) {
  const saving = useWorkspaces((s) => s.saving);
  const check = useWorkspaces((s) => s.checks[DRAFT_CHECK]);
  const save = useWorkspaces((s) => s.save);
  const checkDraft = useWorkspaces((s) => s.checkDraft);
  const clearCheck = useWorkspaces((s) => s.clearCheck);
  const clearSaved = useWorkspaces((s) => s.clearSaved);
  // The parent keys this form by the workspace being edited, so starting to edit starts a fresh form.
  const [form, setForm] = useState<FormValues>(() => formFor(editing));
  const [shown, setShown] = useState<'none' | 'check' | 'save'>('none');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    clearCheck(DRAFT_CHECK);
    if (editing) {
      clearSaved();
      heading.current?.focus();
    }
  }, [editing, clearCheck, clearSaved]);

  const problems = shown === 'none' ? {} : workspaceFormProblems(form, editing, shown === 'check');
  const change = (field: keyof FormValues, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (field === 'apiBaseUrl' || field === 'token' || field === 'kind') clearCheck(DRAFT_CHECK);
    if (saving.status === 'saved' || saving.status === 'error') clearSaved();
  };

  const onCheck = () => {
    setShown((s) => (s === 'save' ? s : 'check'));
    if (Object.keys(workspaceFormProblems(form, editing, true)).length === 0) void checkDraft(form.apiBaseUrl, form.token);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShown('save');
    if (Object.keys(workspaceFormProblems(form, editing)).length > 0) return;
    if (await save(form, editing)) {
      setForm(emptyForm());
      setShown('none');
      onDone();
    }
  };

  const keeptrusts = form.kind === 'keeptrusts';
  const storedToken = editing?.kind === 'keeptrusts' ? editing.token : null;
  return (
    <section aria-labelledby="ws-form-heading" className="panel">
      <h2 id="ws-form-heading" tabIndex={-1} ref={heading}>
        {editing ? `Edit “${editing.name}”` : 'Add a workspace'}
      </h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="ws-form">
        <fieldset className="scope-fieldset" disabled={editing !== null}>
          <legend>Where the evidence comes from</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="ws-kind" value="keeptrusts" checked={keeptrusts} onChange={() => change('kind', 'keeptrusts')} /> A Keeptrusts API (address and token)
            </label>
            <label>
              <input type="radio" name="ws-kind" value="offline" checked={!keeptrusts} onChange={() => change('kind', 'offline')} /> Offline (no API; files are imported)
            </label>
          </div>
        </fieldset>
        <TextField
          id="ws-name"
          label="Name"
          error={problems.name}
          hint="For example the organisation or the review it is for."
          value={form.name}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => change('name', e.target.value)}
        />
        {keeptrusts && (
          <>
            <TextField
              id="ws-url"
              label="API address"
              error={problems.apiBaseUrl}
              hint="Starts with https://; plain http:// only for an API on this computer (http://localhost…)."
              type="url"
              inputMode="url"
              value={form.apiBaseUrl}
              maxLength={2048}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://api.keeptrusts.com"
              onChange={(e) => change('apiBaseUrl', e.target.value)}
            />
            <TextField
              id="ws-token"
              label="API token"
              error={problems.token}
              hint={
                storedToken
                  ? `Leave empty to keep the stored token (${storedToken.masked}, ${tokenStorageText(storedToken.storage)}); a new one replaces it.`
                  : 'Entered once: it is kept in the secret store and never shown again, only masked. It needs the export scope.'
              }
              type="password"
              value={form.token}
              maxLength={4096}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change('token', e.target.value)}
            />
          </>
        )}
        <div className="ws-actions">
          {keeptrusts && (
            <button type="button" onClick={onCheck} disabled={check?.status === 'checking'}>
              Check connection
            </button>
          )}
          <button type="submit" className="primary" disabled={saving.status === 'saving'}>
            {saving.status === 'saving' ? 'Saving…' : editing ? 'Save changes' : 'Add workspace'}
          </button>
          {editing && (
            <button type="button" onClick={onDone}>
              Cancel editing
            </button>
          )}
        </div>
        {keeptrusts && <CheckResult check={check} testId="check-draft" />}
        <div aria-live="polite" data-testid="save-status">
          {saving.status === 'saved' && <SavedNote workspace={saving.workspace} added={saving.added} />}
          {saving.status === 'error' && (
            <p role="alert" className="field-error">
              {saving.error.message} {saving.error.hint}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}

/** What was saved: the token only masked, and where it is kept. */
function SavedNote({ workspace, added }: { workspace: WorkspaceView; added: boolean }) {
  return (
    <p className="ws-ok">
      {added ? 'Added' : 'Saved'} “{workspace.name}”.{' '}
      {workspace.token && (
        <>
          Token <code>{workspace.token.masked}</code>, {tokenStorageText(workspace.token.storage)}.
        </>
      )}
      {!workspace.current && ' Choose “Work in…” above to use it.'}
    </p>
  );
}
