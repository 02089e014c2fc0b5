import { create } from 'zustand';
import { STEPS, type StepId } from '../../../shared/steps';
import { callBridge } from '../lib/bridge-call';

/** Which step of the reviewer's path is on screen. */
export interface NavigationState {
  step: StepId;
}

export interface NavigationActions {
  go(step: StepId): void;
  /** Tells the app which step is on screen, so its menu can mark it (a failure changes nothing here). */
  announce(step: StepId): Promise<void>;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyNavigationState(): NavigationState {
  return { step: STEPS[0].id };
}

export const useNavigation = create<NavigationState & NavigationActions>()((set) => ({
  ...emptyNavigationState(),
  go: (step) => set({ step }),
  announce: async (step) => {
    await callBridge((bridge) => bridge.stepShown({ step }));
  },
}));
