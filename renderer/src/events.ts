import { getBridge } from './bridge';
import { useNavigation } from './stores/navigation';
import { usePacket } from './stores/packet';
import { usePull } from './stores/pull';
import { useValidation } from './stores/validation';
import { useVerify } from './stores/verify';

/** The one place the renderer subscribes to bridge events and writes them into stores. */
export function subscribeToBridgeEvents(): () => void {
  const bridge = getBridge();
  if (!bridge) return () => {};
  const unsubscribers = [
    bridge.on('navigate', ({ step }) => useNavigation.getState().go(step)),
    bridge.on('progress', (progress) => useVerify.getState().receiveProgress(progress)),
    bridge.on('progress', (progress) => usePull.getState().receiveProgress(progress)),
    bridge.on('jobStatus', (status) => usePull.getState().receiveJobStatus(status)),
    bridge.on('progress', (progress) => usePacket.getState().receiveProgress(progress)),
    bridge.on('progress', (progress) => useValidation.getState().receiveProgress(progress)),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
