/* eslint-disable */
// Runs the application in a child process straight from the TypeScript sources (as Jest does, with
// @swc/core), for tests that must kill a worker with SIGKILL. Usage: fork(this file) with the
// configuration in the child's environment (APP_ROLE=worker ...).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = join(__dirname, '..', '..');
register({ baseUrl: root, paths: { '@ocop/*': ['libs/*'] } });
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require('reflect-metadata');
const { parseConfig } = require(join(root, 'src/config'));
const { startServer } = require(join(root, 'src/server'));
startServer(parseConfig(process.env)).then(
  () => process.send && process.send('started'),
  (error) => {
    process.stderr.write(`worker failed to start: ${error && error.stack}\n`);
    process.exit(1);
  },
);
