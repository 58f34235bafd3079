import type { Incident } from '../scenarios/observability';

/** Where the site explains each incident: its story in chapter 1. */
export const INCIDENT_PAGES: Readonly<Record<Incident, { title: string; path: string }>> = {
  'afterfunc-leak': {
    title: 'time.AfterFunc callbacks that never return',
    path: 'chapters/ghost-leaks/#incident-1-the-watchdog-nobody-stopped',
  },
  'timeout-handler': {
    title: "TimeoutHandler's inner handlers still running after the 503",
    path: 'chapters/ghost-leaks/#incident-2-the-503s-that-kept-working',
  },
  'once-stall': {
    title: 'callers parked behind a sync.Once whose init never returns',
    path: 'chapters/ghost-leaks/#incident-3-the-config-that-never-arrived',
  },
};
