import { getBridge } from './bridge';
import { useNavigation } from './stores/navigation';

/** The one place the renderer subscribes to bridge events and writes them into stores. */
export function subscribeToBridgeEvents(): () => void {
  const bridge = getBridge();
  if (!bridge) return () => {};
  const unsubscribers = [bridge.on('navigate', ({ step }) => useNavigation.getState().go(step))];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
