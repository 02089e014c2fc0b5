import { Field } from '../../components/Field';
import { useAppInfo } from '../../stores/app-info';
import { previewKey, useScope } from '../../stores/scope';

/** A text field with suggestions: what the API's preview holds for the window. */
function ChoiceField({ id, label, field, choices }: { id: string; label: string; field: 'environment' | 'configVersion'; choices: string[] }) {
  const value = useScope((s) => s.draft[field]);
  const problem = useScope((s) => s.problems[field]);
  const setField = useScope((s) => s.setField);
  return (
    <Field id={id} label={label} error={problem} describedBy={['scope-source-status']}>
      {(control) => (
        <>
          <input {...control} list={`${id}s`} value={value} maxLength={100} onChange={(e) => setField(field, e.target.value)} />
          <datalist id={`${id}s`}>
            {choices.map((choice) => (
              <option key={choice} value={choice} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/** Environment and config version, typed or picked from what the API's preview holds for the window. */
export function SourceFields() {
  const draft = useScope((s) => s.draft);
  const preview = useScope((s) => s.preview);
  const loadPreview = useScope((s) => s.loadPreview);
  const appInfo = useAppInfo((s) => s.state);
  const source = appInfo.status === 'ready' ? appInfo.info.dataSource.kind : null;
  const offline = source === 'offline' || source === 'none';
  const environments = preview.status === 'ready' ? preview.environments : [];
  const configVersions = preview.status === 'ready' ? preview.configVersions : [];
  const stale = preview.status === 'ready' && preview.fetchedFor !== previewKey(draft);

  return (
    <fieldset className="scope-fieldset">
      <legend>Environment and config version</legend>
      <div className="field-row">
        <ChoiceField id="scope-environment" label="Environment" field="environment" choices={environments} />
        <ChoiceField id="scope-config-version" label="Config version" field="configVersion" choices={configVersions} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void loadPreview()} disabled={offline || preview.status === 'loading'}>
          Fetch from the API
        </button>
      </div>
      <p id="scope-source-status" className="hint" role="status">
        {offline
          ? 'This workspace has no Keeptrusts API (offline mode), so the choices cannot be fetched; type the environment and config version as they appear in the files.'
          : preview.status === 'loading'
            ? 'Asking the API what it holds for this window…'
            : preview.status === 'ready'
              ? `The API holds ${preview.records ?? 'an unknown number of'} records for these types and this window: environments ${preview.environments.join(', ') || 'none'}; config versions ${preview.configVersions.join(', ') || 'none'}.${stale ? ' The window or types changed since; fetch again to be sure.' : ''}`
              : preview.status === 'error'
                ? `${preview.error.message} ${preview.error.hint}`
                : 'Leave empty to cover every environment and config version, or fetch the ones the API holds for this window and pick one.'}
      </p>
    </fieldset>
  );
}
