/**
 * Three projects: unit tests next to the code, medium tests of repositories on the real FerretDB,
 * and e2e tests that boot the real app on FerretDB and Redis.
 */
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest'] };
// NestJS 12 and some of its dependencies ship ES modules only; Jest (CommonJS) needs them transformed.
const esmPackages = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  'content-disposition',
  'cookie',
  '@noble',
  'unpdf',
];
const transformIgnorePatterns = [`node_modules/(?!(${esmPackages.join('|')})/)`];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/src', '<rootDir>/scripts'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Repositories and other providers against the real FerretDB, without HTTP.
      displayName: 'medium',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.medium-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  // e2e tests boot the app; unit tests finish far below this.
  testTimeout: 60000,
};
