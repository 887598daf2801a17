#!/usr/bin/env bash
# Fetch the integration-test engines (DynamoDB Local, OpenSearch; s3rver comes with npm) into
# .cache/engines. When java or mvn is missing and we are root (CI), install them with apt-get.
# Idempotent: a second run only checks what is cached. Extra arguments name engines to fetch.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[engines] installing ${need[*]} with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  else
    echo "[engines] missing ${need[*]}: install them (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi

exec node test/engines/cli.mjs fetch "$@"
