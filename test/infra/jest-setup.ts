// Integration tests talk to real brokers: 120 s per test and hook (the root config's testTimeout is 60 s).
jest.setTimeout(120_000);
