/**
 * A client library's failure as an Error. Errors may come from another realm (tests) or, from
 * librdkafka, as plain objects with a message, so `instanceof Error` is not relied on.
 */
export function asError(error: unknown): Error {
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string')
    return error as Error;
  return new Error(String(error));
}
