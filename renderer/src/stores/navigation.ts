import { create } from 'zustand';
import { STEPS, type StepId } from '../../../shared/steps';

/** Which step of the reviewer's path is on screen. */
export interface NavigationState {
  step: StepId;
}

export interface NavigationActions {
  go(step: StepId): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyNavigationState(): NavigationState {
  return { step: STEPS[0].id };
}

export const useNavigation = create<NavigationState & NavigationActions>()((set) => ({
  ...emptyNavigationState(),
  go: (step) => set({ step }),
}));
