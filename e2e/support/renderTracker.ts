import type { Locator, Page } from '@playwright/test';

/**
 * Which React components render, seen from outside the product: React calls the DevTools hook
 * (`__REACT_DEVTOOLS_GLOBAL_HOOK__`) after every commit, in production builds too, so this script
 * stands in for DevTools and walks each committed tree the way DevTools does. A component counts
 * as rendered when it ran in that commit (the fiber's PerformedWork flag) or was mounted by it; a
 * subtree whose parent kept its children (`child === alternate.child`) was skipped by React and is
 * not walked. Each render is recorded as the first DOM element the component draws, so a test can
 * ask which regions of the page re-rendered, by role and name, with no test code in the product.
 */
function installHook(): void {
  const PERFORMED_WORK = 1;
  // Function, class, forwardRef, memo and simple-memo components: the ones that run code of ours.
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const HOST_COMPONENT = 5;
  interface Fiber {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
    stateNode: unknown;
  }
  const state = { recording: false, drawn: [] as Element[] };
  const firstElement = (fiber: Fiber): Element | null => {
    const stack: Fiber[] = fiber.child ? [fiber.child] : [];
    while (stack.length > 0) {
      const f = stack.pop() as Fiber;
      if (f.tag === HOST_COMPONENT && f.stateNode instanceof Element) return f.stateNode;
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
    return null;
  };
  const walk = (root: Fiber): void => {
    const stack: Fiber[] = [root];
    while (stack.length > 0) {
      const fiber = stack.pop() as Fiber;
      const mounted = fiber.alternate === null;
      if (COMPONENT_TAGS.has(fiber.tag) && (mounted || (fiber.flags & PERFORMED_WORK) !== 0)) {
        const element = firstElement(fiber);
        if (element) state.drawn.push(element);
      }
      // Children React did not touch in this commit still carry flags from an older one.
      if (fiber.child && (mounted || fiber.child !== fiber.alternate?.child)) {
        for (let child: Fiber | null = fiber.child; child; child = child.sibling) stack.push(child);
      }
    }
  };
  let ids = 0;
  Object.assign(window, {
    __studioRenders: state,
    __REACT_DEVTOOLS_GLOBAL_HOOK__: {
      supportsFiber: true,
      renderers: new Map(),
      inject(renderer: unknown) {
        const id = ++ids;
        this.renderers.set(id, renderer);
        return id;
      },
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onCommitFiberRoot(_id: number, root: { current: Fiber }) {
        if (state.recording) walk(root.current);
      },
    },
  });
}

type Renders = { recording: boolean; drawn: Element[] };

/** Records what React renders from `start` to `stop`, and says which regions re-rendered in between. */
export class RenderTracker {
  private constructor(private readonly page: Page) {}

  /** Installs the hook; call before the page loads. */
  static async install(page: Page): Promise<RenderTracker> {
    await page.addInitScript(installHook);
    return new RenderTracker(page);
  }

  async start(): Promise<void> {
    await this.page.evaluate(() => {
      const renders = (window as unknown as { __studioRenders: Renders }).__studioRenders;
      renders.drawn = [];
      renders.recording = true;
    });
  }

  async stop(): Promise<void> {
    await this.page.evaluate(
      () => void ((window as unknown as { __studioRenders: Renders }).__studioRenders.recording = false),
    );
  }

  /** How many component renders since `start` drew inside the region (the region's own included). */
  async rendersIn(region: Locator): Promise<number> {
    return region.evaluate(
      (element) =>
        (window as unknown as { __studioRenders: Renders }).__studioRenders.drawn.filter((drawn) =>
          element.contains(drawn),
        ).length,
    );
  }
}
