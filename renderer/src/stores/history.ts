import { create } from 'zustand';
import type { PacketHistoryView } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import { callBridge, newTaskId } from '../lib/bridge-call';
import { useNavigation } from './navigation';
import { usePacket, type PacketCheck, type RevealState } from './packet';

/** The packets made in this workspace, as last read (kept on screen while they are read again). */
export type PacketList =
  | { status: 'idle' | 'loading' | 'ready'; packets: PacketHistoryView[] }
  | { status: 'error'; packets: PacketHistoryView[]; error: BridgeError };

/** The History step: the list, which rows are open, and each row's last Verify and Show in folder. */
export interface HistoryState {
  list: PacketList;
  /** Packet ids whose custody entries are shown. */
  expanded: string[];
  checks: Record<string, PacketCheck>;
  reveals: Record<string, RevealState>;
}

export interface HistoryActions {
  load(): Promise<void>;
  /** Shows or hides a packet's custody entries. */
  toggle(packetId: string): void;
  /** Verifies a packet where History says it was written. */
  verify(packetId: string): Promise<void>;
  /** Shows a packet in the OS file manager. */
  reveal(packetId: string): Promise<void>;
  /**
   * Makes a packet again: the Packet step, ready to pack from the scope and note now in the Scope and Note
   * steps (History does not know a packet's scope, so this is not a byte-for-byte re-export).
   */
  packAgain(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyHistoryState(): HistoryState {
  return { list: { status: 'idle', packets: [] }, expanded: [], checks: {}, reveals: {} };
}

export const useHistory = create<HistoryState & HistoryActions>()((set, get) => ({
  ...emptyHistoryState(),

  load: async () => {
    const packets = get().list.packets;
    set({ list: { status: 'loading', packets } });
    const answer = await callBridge((b) => b.listPackets({}));
    set({ list: answer.ok ? { status: 'ready', packets: answer.value.packets } : { status: 'error', packets, error: answer.error } });
  },

  toggle: (packetId) => set((s) => ({ expanded: s.expanded.includes(packetId) ? s.expanded.filter((id) => id !== packetId) : [...s.expanded, packetId] })),

  verify: async (packetId) => {
    if (get().checks[packetId]?.status === 'verifying') return;
    const taskId = newTaskId('verify');
    set((s) => ({ checks: { ...s.checks, [packetId]: { status: 'verifying', taskId, progress: null } } }));
    const answer = await callBridge((b) => b.verifyPacket({ taskId, packetId }));
    set((s) => ({ checks: { ...s.checks, [packetId]: answer.ok ? { status: 'done', result: answer.value } : { status: 'failed', error: answer.error } } }));
  },

  reveal: async (packetId) => {
    if (get().reveals[packetId]?.status === 'busy') return;
    set((s) => ({ reveals: { ...s.reveals, [packetId]: { status: 'busy' } } }));
    const answer = await callBridge((b) => b.showPacketInFolder({ packetId }));
    set((s) => ({ reveals: { ...s.reveals, [packetId]: answer.ok ? { status: answer.value.shown ? 'shown' : 'missing' } : { status: 'failed', error: answer.error } } }));
  },

  packAgain: () => {
    // The Packet step reads the key, scope, note and files itself when it opens.
    usePacket.getState().startOver();
    useNavigation.getState().go('packet');
  },
}));
