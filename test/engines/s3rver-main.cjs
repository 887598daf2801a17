'use strict';
// s3rver in its own process, spawned by s3.ts (plain CommonJS so it starts fast, without tsx):
//   node s3rver-main.cjs --port <n> --directory <dir> [--verbose]
// s3rver knows a single access key ("S3RVER") and does not verify SigV4 signatures anyway; like
// DynamoDB Local, accept any access key, so tests can use one set of dummy AWS credentials.
const { parseArgs } = require('node:util');
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

const { values } = parseArgs({
  options: { port: { type: 'string' }, directory: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
if (!values.port || !values.directory) {
  process.stderr.write('usage: s3rver-main.cjs --port <n> --directory <dir> [--verbose]\n');
  process.exit(2);
}

const knownAccount = AWSAccount.registry.get.bind(AWSAccount.registry);
AWSAccount.registry.get = (accessKeyId) => knownAccount(accessKeyId) ?? AWSAccount.DUMMY_ACCOUNT;

new S3rver({
  address: '127.0.0.1',
  port: Number(values.port),
  directory: values.directory,
  silent: !values.verbose,
  vhostBuckets: false,
})
  .run()
  .then(({ address, port }) => process.stdout.write(`s3rver ${require('s3rver/package.json').version} listening on ${address}:${port}\n`))
  .catch((err) => {
    process.stderr.write(`s3rver failed to start: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
