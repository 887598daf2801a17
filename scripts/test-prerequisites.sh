#!/usr/bin/env bash
# `npm test` runs this first (the `pretest` script): everything the tests need that npm does not install.
#  - the project's Node (node_modules/.bin/node, from the `node` devDependency) is the one running the tests;
#  - a JDK and Maven (installed with apt-get when missing and root), DynamoDB Local and OpenSearch (from Maven Central,
#    cached in .cache/engines and ~/.m2): scripts/engines-fetch.sh;
#  - Debian's Chromium for the web UI tests (apt-get when missing and root): scripts/browser-install.sh.
# Idempotent and quick when all is there. Anything it cannot install fails here, naming the one command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(node -p "require('./package.json').devDependencies.node")
have=$(node -p 'process.versions.node')
if [[ $have != "$want" ]]; then
  echo "[prerequisites] the tests run on node ${want} (node_modules/.bin/node) but this is node ${have}: run 'npm install' first" >&2
  exit 1
fi
bash scripts/engines-fetch.sh
bash scripts/browser-install.sh
