import type { View } from '../../scenarios/types';

/** What a widget's own panels (tables, counters under the stage) are drawn from. */
export interface PanelArgs {
  readonly view: View;
  readonly counters: Readonly<Record<string, number>>;
}
