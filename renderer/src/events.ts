import type { MenuCommand } from '../../shared/bridge/contract';
import { getBridge } from './bridge';
import { useNavigation } from './stores/navigation';
import { usePacket } from './stores/packet';
import { usePull } from './stores/pull';
import { useValidation } from './stores/validation';
import { useVerify } from './stores/verify';

/**
 * File → Open Packet… (or a packet opened from the OS: the main process then answers the chooser with that
 * file, the path never passes through here) and File → Import Files…: show the step, then start its action.
 */
export function runMenuCommand(command: MenuCommand): void {
  if (command === 'open-packet') {
    useNavigation.getState().go('verify');
    void useVerify.getState().verify();
  } else {
    useNavigation.getState().go('pull');
    void usePull.getState().chooseImportFiles();
  }
}

/** The one place the renderer subscribes to bridge events and writes them into stores. */
export function subscribeToBridgeEvents(): () => void {
  const bridge = getBridge();
  if (!bridge) return () => {};
  const unsubscribers = [
    bridge.on('navigate', ({ step }) => useNavigation.getState().go(step)),
    bridge.on('menuCommand', ({ command }) => runMenuCommand(command)),
    bridge.on('progress', (progress) => useVerify.getState().receiveProgress(progress)),
    bridge.on('progress', (progress) => usePull.getState().receiveProgress(progress)),
    bridge.on('jobStatus', (status) => usePull.getState().receiveJobStatus(status)),
    bridge.on('progress', (progress) => usePacket.getState().receiveProgress(progress)),
    bridge.on('progress', (progress) => useValidation.getState().receiveProgress(progress)),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
