#!/usr/bin/env bash
# Install Debian's Chromium for the web UI's end-to-end tests (test/e2e/web.test.ts drives it with
# playwright-core; no browser is ever downloaded by a test tool). A no-op when /usr/bin/chromium exists.
# Needs root and apt-get (CI and the development machines are Debian); anything else fails with what to do.
set -euo pipefail

BIN=/usr/bin/chromium
if [[ -x $BIN ]]; then
  echo "[browser] $("$BIN" --version 2>/dev/null || echo chromium) already installed at $BIN" >&2
  exit 0
fi
if [[ $(id -u) != 0 ]]; then
  echo "[browser] $BIN is missing and this is not root: run 'sudo apt-get install -y chromium' (or this script as root)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[browser] $BIN is missing and apt-get is not available: install Debian's chromium package by hand" >&2
  exit 1
fi
echo "[browser] installing Debian chromium with apt-get" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
if [[ ! -x $BIN ]]; then
  echo "[browser] apt-get finished but $BIN is still missing" >&2
  exit 1
fi
echo "[browser] $("$BIN" --version 2>/dev/null || echo chromium) installed at $BIN" >&2
