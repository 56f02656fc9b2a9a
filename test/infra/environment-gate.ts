/**
 * Some integration tests need something only one kind of test environment has (the local JVM broker's
 * SASL/SSL listeners, the integ-test-zip Elasticsearch). A gate says whether it is there, whether the run
 * requires it (an environment variable .ci/run sets), and why not when it is missing.
 */
export type Gate<T> =
  | { available: true; value: T }
  | {
      available: false;
      /** The environment variable (as NAME=value) that requires it, and whether this run set it. */
      requiredBy: string;
      required: boolean;
      reason: string;
    };

/**
 * Declares the tests behind a gate: they run when it is open; when it is closed but required, a failing
 * test says why, so CI can never lose them silently; otherwise one skipped test carries the reason in its
 * name, so the report shows what did not run and why.
 */
export function describeBehindGate<T>(title: string, gate: Gate<T>, body: (value: T) => void): void {
  if (gate.available) {
    const { value } = gate;
    describe(title, () => body(value));
  } else if (gate.required) {
    test(`${title}: present (${gate.requiredBy})`, () => {
      throw new Error(gate.reason);
    });
  } else {
    test.skip(`${title} — not run: ${gate.reason}`, () => undefined);
  }
}
