/**
 * The three incidents the home page opens with: each symptom in one line, linking to where
 * chapter 1 tells it. tests/content checks that every anchor is a heading of that chapter.
 */
export interface Incident {
  /** The heading id of the incident's section in {@link INCIDENTS_CHAPTER}. */
  readonly anchor: string;
  readonly title: string;
  /** What the dashboards showed, in one line. */
  readonly symptom: string;
  /** The API at the root of it. */
  readonly cause: string;
}

/** The collection id of the chapter that tells the incidents. */
export const INCIDENTS_CHAPTER = '01-ghost-leaks';

export const incidents: readonly Incident[] = [
  {
    anchor: 'incident-1-the-watchdog-nobody-stopped',
    title: 'The watchdog nobody stopped',
    symptom:
      'The heap rose and fell with traffic while the goroutine count stayed flat, until an outage made it climb by one per request.',
    cause: 'time.AfterFunc',
  },
  {
    anchor: 'incident-2-the-503s-that-kept-working',
    title: 'The 503s that kept working',
    symptom:
      'Every request got its 503 after one second, yet goroutines jumped to hundreds and the slow pricing service saw no drop in load.',
    cause: 'http.TimeoutHandler',
  },
  {
    anchor: 'incident-3-the-config-that-never-arrived',
    title: 'The config that never arrived',
    symptom:
      'Health checks stayed green while goroutines rose in a straight line, one per request, with no error logged and the CPU idle.',
    cause: 'sync.Once',
  },
];
