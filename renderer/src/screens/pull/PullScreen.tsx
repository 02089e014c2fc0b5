import { useEffect } from 'react';
import { useAppInfo } from '../../stores/app-info';
import { useNavigation } from '../../stores/navigation';
import { usePull } from '../../stores/pull';
import { ArtifactsTable } from './ArtifactsTable';
import { ImportSection } from './ImportSection';
import { PullSection } from './PullSection';
import './pull.css';

/** Why there is nothing to pull from, when the workspace has no API. */
function NoApi({ kind }: { kind: 'offline' | 'none' }) {
  const go = useNavigation((s) => s.go);
  return (
    <section aria-labelledby="pull-api-heading" className="panel pull-section">
      <h2 id="pull-api-heading">Pull from the API</h2>
      <p data-testid="no-api">
        {kind === 'offline'
          ? 'This workspace is offline: there is no API to pull from. Import the export files above instead.'
          : 'No workspace is open, so there is no API to pull from.'}{' '}
        <button type="button" className="pull-link" onClick={() => go('workspace')}>
          Choose another workspace
        </button>
      </p>
    </section>
  );
}

/**
 * Step 4: preview what the API holds, pull one export job per type with live progress, or import files
 * carried in by hand; then the files in the cache, on to Validate.
 */
export function PullScreen() {
  const appInfo = useAppInfo((s) => s.state);
  const loadArtifacts = usePull((s) => s.loadArtifacts);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    void loadArtifacts();
  }, [loadArtifacts]);

  const kind = appInfo.status === 'ready' ? appInfo.info.dataSource.kind : null;
  const noApi = kind === 'offline' || kind === 'none' ? kind : null;
  return (
    <div className="pull-screen">
      {noApi ? (
        <>
          <ImportSection leads />
          <NoApi kind={noApi} />
        </>
      ) : (
        <>
          <PullSection />
          <ImportSection leads={false} />
        </>
      )}
      <ArtifactsTable />
      <div className="pull-actions">
        <button type="button" className="primary" onClick={() => go('validate')}>
          Continue to Validate
        </button>
      </div>
    </div>
  );
}
