import type { GStatus } from '../scenarios/types';
import type { Palette } from './stage';

/** The colour of a goroutine in `status`; the legend and every stage use this one mapping. */
export function statusColor(palette: Palette, status: GStatus): number {
  switch (status) {
    case '_Grunning':
      return palette.running;
    case '_Grunnable':
    case '_Gpreempted':
      return palette.runnable;
    case '_Gsyscall':
      return palette.syscall;
    case '_Gwaiting':
    case '_Gcopystack':
      return palette.waiting;
    case '_Gidle':
    case '_Gdead':
      return palette.dead;
  }
}
