#!/usr/bin/env bash
# Starts a real Etherpad on loopback for TestLiveEtherpad
# (wikitext/ext/etherpad): ep_etherpad-lite and ep_headings2 from npm,
# installed once into DIR, with a dirty-file database and a random API key.
#
#   eval "$(bash .ci/etherpad.sh start [DIR] [PORT])"   # exports FOLIO_TEST_ETHERPAD_*
#   bash .ci/etherpad.sh stop [DIR]
#
# Prints nothing on stdout but the export line, so that eval is safe; npm's
# and Etherpad's output goes to DIR/*.log.
set -euo pipefail
cmd=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/folio-etherpad}
port=${3:-19001}

install() {
	mkdir -p "$dir"
	cd "$dir"
	if [ -d src ] && [ -d node_modules/ep_headings2 ]; then
		return
	fi
	rm -rf src node_modules package.json package-lock.json
	echo '{"private": true}' >package.json
	npm install --no-audit --no-fund --loglevel=error ep_etherpad-lite@1.8.14 ep_headings2@0.2.68 >"$dir/npm.log" 2>&1
	# Etherpad finds its base directory only when its code is in <base>/src.
	mv node_modules/ep_etherpad-lite src
	ln -s ../src node_modules/ep_etherpad-lite
}

start() {
	install
	cat >"$dir/settings.json" <<JSON
{
  "title": "Folio test Etherpad",
  "ip": "127.0.0.1",
  "port": $port,
  "dbType": "dirty",
  "dbSettings": {"filename": "$dir/dirty.db"},
  "defaultPadText": "",
  "requireSession": false,
  "editOnly": false,
  "minify": false,
  "loglevel": "WARN",
  "suppressErrorsInPadText": true
}
JSON
	head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/APIKEY.txt"
	rm -f "$dir/dirty.db"
	cd "$dir"
	nohup node src/node/server.js --settings "$dir/settings.json" --apikey "$dir/APIKEY.txt" >"$dir/server.log" 2>&1 &
	echo $! >"$dir/pid"
	for _ in $(seq 1 120); do
		if node -e "fetch('http://127.0.0.1:$port/api/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then
			echo "export FOLIO_TEST_ETHERPAD_URL=http://127.0.0.1:$port FOLIO_TEST_ETHERPAD_APIKEY=$(cat "$dir/APIKEY.txt")"
			return
		fi
		sleep 1
	done
	echo "etherpad did not start; see $dir/server.log" >&2
	stop
	return 1
}

stop() {
	if [ -f "$dir/pid" ]; then
		pid=$(cat "$dir/pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 20); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null || true
		rm -f "$dir/pid"
	fi
}

case $cmd in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 start|stop [DIR] [PORT]" >&2
	exit 2
	;;
esac
