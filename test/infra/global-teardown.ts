/** Jest globalTeardown of the `integration` project: stops what global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__TRIPLINE_TEST_SERVICES__;
  globalThis.__TRIPLINE_TEST_SERVICES__ = undefined;
  await services?.stop();
}
