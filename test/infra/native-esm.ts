// @platformatic/kafka is ESM-only. Node >= 20.19 `require`s it natively (that is how dist/ loads it), but
// Jest's module registry cannot: every test gets the package as Node itself loads it.
jest.mock('@platformatic/kafka', () =>
  process.getBuiltinModule('node:module').createRequire(__filename)('@platformatic/kafka'),
);
