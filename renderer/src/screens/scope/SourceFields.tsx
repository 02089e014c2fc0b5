import { describedBy, FieldError } from '../../components/FieldError';
import { useAppInfo } from '../../stores/app-info';
import { previewKey, useScope } from '../../stores/scope';

/** Environment and config version, typed or picked from what the API's preview holds for the window. */
export function SourceFields() {
  const draft = useScope((s) => s.draft);
  const problems = useScope((s) => s.problems);
  const preview = useScope((s) => s.preview);
  const setField = useScope((s) => s.setField);
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
        <div className="field">
          <label htmlFor="scope-environment">Environment</label>
          <input
            id="scope-environment"
            list="scope-environments"
            value={draft.environment}
            maxLength={100}
            onChange={(e) => setField('environment', e.target.value)}
            aria-invalid={problems.environment ? true : undefined}
            aria-describedby={describedBy('scope-source-status', problems.environment && 'scope-environment-error')}
          />
          <datalist id="scope-environments">
            {environments.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          <FieldError id="scope-environment-error" message={problems.environment} />
        </div>
        <div className="field">
          <label htmlFor="scope-config-version">Config version</label>
          <input
            id="scope-config-version"
            list="scope-config-versions"
            value={draft.configVersion}
            maxLength={100}
            onChange={(e) => setField('configVersion', e.target.value)}
            aria-invalid={problems.configVersion ? true : undefined}
            aria-describedby={describedBy('scope-source-status', problems.configVersion && 'scope-config-version-error')}
          />
          <datalist id="scope-config-versions">
            {configVersions.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <FieldError id="scope-config-version-error" message={problems.configVersion} />
        </div>
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
