/**
 * Sends that overlap with the work after them, one at a time: a send may be on its way while the next
 * batch is gathered, and the next send waits until the one before it is acknowledged. A failed send
 * throws from the call after it (or from `drain`), never as an unhandled rejection.
 */
export class OneInFlight {
  private previous: Promise<unknown> | undefined;

  /** Takes a send that has started; resolves once the send before it settled, rejecting if that failed. */
  async add(send: Promise<unknown>): Promise<void> {
    // Marked handled at once: it is awaited later, by the next add or by drain.
    send.catch(() => undefined);
    const before = this.previous;
    this.previous = send;
    await before;
  }

  /** Resolves once the last send settled, rejecting if it failed. */
  async drain(): Promise<void> {
    await this.previous;
  }
}
