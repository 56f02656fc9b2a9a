/**
 * The root of every error tripline throws on purpose. `code` is stable and machine-readable,
 * `retriable` tells the one retry helper whether trying again can help, and `cause` keeps the origin.
 */
export class TriplineError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** Bad input given by a user (a file, an option, a record): never retried. */
export class InputError extends TriplineError {
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** Content (rules, pipelines) failed to load; the diagnostics say why. */
export class ContentError extends TriplineError {
  constructor(
    message: string,
    readonly diagnostics: readonly import('./diagnostics').Diagnostic[],
  ) {
    super('content.invalid', message);
  }
}
