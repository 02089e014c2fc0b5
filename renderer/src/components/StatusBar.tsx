import type { AppInfoState } from '../stores/app-info';

/** The bottom line: which app and runtime answered over the bridge, or why nothing did. */
export function StatusBar({ state, onRetry }: { state: AppInfoState; onRetry: () => void }) {
  return (
    <footer className="status-bar" aria-live="polite" data-testid="status-bar">
      {state.status === 'ready' && (
        <span data-testid="app-info">
          {state.info.name} {state.info.version} · {runtimeLabel(state.info.runtime)} · Node {state.info.versions.node}
          {state.info.versions.electron ? ` · Electron ${state.info.versions.electron}` : ''} · {state.info.platform}/{state.info.arch}
        </span>
      )}
      {(state.status === 'idle' || state.status === 'loading') && <span>Connecting to the app…</span>}
      {state.status === 'error' && (
        <span role="alert" className="status-error">
          {state.error.message} {state.error.hint}{' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </span>
      )}
    </footer>
  );
}

function runtimeLabel(runtime: 'electron' | 'test-host' | 'cli'): string {
  switch (runtime) {
    case 'electron':
      return 'desktop app';
    case 'test-host':
      return 'test host';
    case 'cli':
      return 'command line';
  }
}
