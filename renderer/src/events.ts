import { getBridge } from './bridge';
import { useNavigation } from './stores/navigation';
import { useVerify } from './stores/verify';

/** The one place the renderer subscribes to bridge events and writes them into stores. */
export function subscribeToBridgeEvents(): () => void {
  const bridge = getBridge();
  if (!bridge) return () => {};
  const unsubscribers = [
    bridge.on('navigate', ({ step }) => useNavigation.getState().go(step)),
    bridge.on('progress', (progress) => useVerify.getState().receiveProgress(progress)),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
