/** Exit codes scripts can rely on; documented in the README. */
export const EXIT = {
  /** The command completed and found nothing to report (hunt: no alerts; lint: no errors; test: all passed). */
  ok: 0,
  /** The command completed and found something: alerts, rule errors, or failing rule tests. */
  findings: 1,
  /** The command could not run as asked: bad option, unreadable input, no rule could be loaded. */
  usage: 2,
} as const;
