/**
 * Corpus-wide checks (`npm run test:corpus`): they read the development corpus beside the repository
 * (../shared/corpus, or CSDL_CORPUS) and are not part of `npm test`, which needs nothing outside the repository.
 * Each fails, naming what is missing, when the corpus is absent.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');
const { displayName: _name, testMatch: _match, ...common } = base.projects[0];

module.exports = {
  ...common,
  displayName: 'corpus',
  testTimeout: 300000,
  testMatch: ['<rootDir>/verify/corpus/**/*.test.ts'],
};
