/** Longest frame step fed to the simulation, so a stalled tab does not jump minutes ahead. */
const MAX_FRAME_MS = 100;

export interface FrameLoop {
  /** Ask for frames again (after play, a step, or a new view to tween to). */
  wake(): void;
  /** Stops for good and releases the observers and listeners. */
  destroy(): void;
}

/**
 * A requestAnimationFrame loop that runs only while someone can see it: `target` intersects the
 * viewport and the tab is visible. `onFrame` returns true while it wants more frames (playing, or
 * a tween still moving); otherwise the loop sleeps until `wake()`.
 */
export function createFrameLoop(
  target: HTMLElement,
  onFrame: (dtMs: number) => boolean,
): FrameLoop {
  let onScreen = false;
  let wanted = true;
  let handle: number | null = null;
  let last: number | null = null;

  const visible = () => onScreen && !document.hidden;

  const tick = (now: number) => {
    handle = null;
    const dt = last === null ? 0 : Math.min(MAX_FRAME_MS, now - last);
    last = now;
    wanted = onFrame(dt);
    schedule();
  };

  const schedule = () => {
    if (handle !== null) return;
    if (!wanted || !visible()) {
      last = null;
      return;
    }
    handle = requestAnimationFrame(tick);
  };

  const cancel = () => {
    if (handle !== null) cancelAnimationFrame(handle);
    handle = null;
    last = null;
  };

  const observer = new IntersectionObserver((entries) => {
    onScreen = entries.some((e) => e.isIntersecting);
    if (visible()) schedule();
    else cancel();
  });
  observer.observe(target);
  const onVisibility = () => (visible() ? schedule() : cancel());
  document.addEventListener('visibilitychange', onVisibility);

  return {
    wake() {
      wanted = true;
      schedule();
    },
    destroy() {
      cancel();
      wanted = false;
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
