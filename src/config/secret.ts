import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A secret value (password, API key, token). It prints as `[redacted]` through every path a value can
 * leak by — String(), template literals, JSON.stringify, util.inspect/console.log — so only an explicit
 * `reveal()` at the point of use hands the value out.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
