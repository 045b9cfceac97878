const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // nock 15 and its interceptors are ESM-only: let swc transform them.
  transformIgnorePatterns: ['/node_modules/(?!(nock|@mswjs/interceptors|@open-draft/until|rettime|strict-event-emitter|outvariant|is-node-process)/)'],
  setupFiles: ['<rootDir>/test/setup/polyfills.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/nockPerFile.ts'],
  testTimeout: 30000,
  // At least two workers: on a two-core machine jest's default is one, and the test files spend much
  // of their time waiting on PostgreSQL and Chromium. Elsewhere this is jest's own default.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Sources import each other as '.js' (nodenext); under jest resolve them to the '.ts' files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
