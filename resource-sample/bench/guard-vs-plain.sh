#!/usr/bin/env bash
# Throughput and latency through resource-guard vs Spring's plain JWT resource server
# (docs/benchmarks.md, "Resource guard"). Needs wrk (apt-get install wrk), a built
# resource-sample jar, and a dev-mode auth-server already running on https://localhost:8443
# whose data directory is given as $1 (default .keyfleet).
#
# Starts three resource-sample instances on the auth-server's Redis — guard with RESP3
# tracking (8444), guard with pub/sub (8446), plain-jwt profile (8445) — registers a
# service client with fleet:read, and runs GET /fleet/summary with one Bearer token:
# a warm-up, then ROUNDS alternating measured runs of DURATION with CONNECTIONS
# keep-alive connections on one wrk thread.
set -euo pipefail
DATA=$(cd "${1:-.keyfleet}" && pwd)
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/resource-sample/target/resource-sample-0.1.0-SNAPSHOT.jar"
ISSUER=https://localhost:8443
CA="$DATA/ca/root.pem"
LOGS=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # port, extra args...
  local port=$1; shift
  java -jar "$JAR" --server.port="$port" --keyfleet.data-dir="$DATA" --keyfleet.guard.issuer-uri=$ISSUER \
    --logging.level.root=WARN "$@" >"$LOGS/$port.log" 2>&1 &
  PIDS+=($!)
}
start 8444
start 8446 --keyfleet.guard.cache=pubsub
start 8445 --spring.profiles.active=plain-jwt
for port in 8444 8445 8446; do
  for _ in $(seq 1 120); do
    curl -s -o /dev/null --cacert "$CA" "https://localhost:$port/actuator/health" && break || sleep 0.5
  done
done

json() { python3 -c "import sys,json; print(json.load(sys.stdin)[\"$1\"])"; }
ADMIN_ID=$(json client_id <"$DATA/admin-client.json")
ADMIN_SECRET=$(json client_secret <"$DATA/admin-client.json")
ADMIN=$(curl -sf --cacert "$CA" -u "$ADMIN_ID:$ADMIN_SECRET" -d grant_type=client_credentials $ISSUER/oauth2/token | json access_token)
CLIENT="bench-svc-$RANDOM$RANDOM"
SECRET=$(curl -sf --cacert "$CA" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$CLIENT\",\"token_endpoint_auth_method\":\"client_secret_basic\",\"allowed_scopes\":[\"fleet:read\"],\"allowed_resources\":[\"https://localhost:8444\"]}" \
  $ISSUER/api/v1/clients | json client_secret)
token() {
  curl -sf --cacert "$CA" -u "$CLIENT:$SECRET" -d grant_type=client_credentials -d scope=fleet:read \
    --data-urlencode resource=https://localhost:8444 $ISSUER/oauth2/token | json access_token
}

run() { # label, port, duration
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$3" --latency -H "Authorization: Bearer $(token)" "https://localhost:$2/fleet/summary")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$1: non-2xx answers" >&2; grep 'Non-2xx' <<<"$out" >&2; exit 1; fi
  printf '%-16s %10s req/s   p50 %8s   p90 %8s   p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="90%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}

echo "# warm-up"
for port in 8444 8446 8445; do run "warm-up $port" $port 15s >/dev/null; done
echo "# $ROUNDS rounds of $DURATION, $CONNECTIONS connections, 1 wrk thread; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  run "guard-tracking" 8444 "$DURATION"
  run "guard-pubsub" 8446 "$DURATION"
  run "plain-jwt" 8445 "$DURATION"
done
