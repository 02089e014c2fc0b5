import { useEffect } from 'react';
import { STEPS } from '../../shared/steps';
import { DataSourceBadge } from './components/DataSourceBadge';
import { StatusBar } from './components/StatusBar';
import { StepNav } from './components/StepNav';
import { subscribeToBridgeEvents } from './events';
import { StepScreen } from './screens/StepScreen';
import { useAppInfo } from './stores/app-info';
import { useNavigation } from './stores/navigation';

/** The window: header, the reviewer's path on the left, the current step, and a status line. */
export function App() {
  const step = useNavigation((s) => s.step);
  const go = useNavigation((s) => s.go);
  const announce = useNavigation((s) => s.announce);
  const appInfo = useAppInfo((s) => s.state);
  const loadAppInfo = useAppInfo((s) => s.load);

  useEffect(() => {
    void loadAppInfo();
    return subscribeToBridgeEvents();
  }, [loadAppInfo]);

  useEffect(() => {
    const label = STEPS.find((s) => s.id === step)?.label ?? '';
    document.title = `${label} — Evidence Packager`;
    void announce(step);
  }, [step, announce]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-name">Evidence Packager</span>
        <DataSourceBadge source={appInfo.status === 'ready' ? appInfo.info.dataSource : null} />
      </header>
      <StepNav current={step} onSelect={go} />
      <main id="main" className="app-main">
        <StepScreen step={step} />
      </main>
      <StatusBar state={appInfo} onRetry={() => void loadAppInfo()} />
    </div>
  );
}
