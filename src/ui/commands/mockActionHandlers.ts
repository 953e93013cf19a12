import { vi } from 'vitest';
import type { ActionHandlers } from './studioActions';

/** Every palette handler as a spy, for tests that check which action calls which. */
export function mockActionHandlers(): ActionHandlers {
  return {
    run: vi.fn(),
    runWith: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
    selectAllSteps: vi.fn(),
    tidyUp: vi.fn(),
    addStep: vi.fn(),
    newModel: vi.fn(),
    showPanel: vi.fn(),
    projectMenu: vi.fn(),
    openProject: vi.fn(),
    openFlow: vi.fn(),
    newFlow: vi.fn(),
    newProject: vi.fn(),
    toggleTheme: vi.fn(),
    showShortcuts: vi.fn(),
  };
}
