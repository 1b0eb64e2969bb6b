#!/usr/bin/env bash
# A deep queue, its drain, a replay of the whole store, and whether the relay rate depends on the store's size.
#
#   bench/queue.sh [-q QUEUED] [-n MESSAGES] [-s BYTES] [-c CONNECTIONS]        (defaults 100000, 5000, 10000, 20)
#
# 1. relay rate of N messages into an empty store (../shared/bench/relay-bench.sh, as bench/relay.sh does);
# 2. with delivery paused (mta.delivery.enabled=false), QUEUED messages injected with smtp-source in slices
#    of N, printing each slice's intake rate and the stored count before it (intake rate against store size),
#    then the resident memory with everything queued;
# 3. a restart with delivery on: the time from start to an empty queue (ledgermta_queue_depth 0), with the
#    sink counting, and the memory;
# 4. relay rate of N more messages into the now full store: compare with 1;
# 5. POST /api/v1/replay over the whole store: events and events/s.
# One service, one data directory, loopback only. The run takes long: QUEUED/intake rate + QUEUED/drain rate.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
Q=100000 N=5000 S=10000 C=20
while getopts "q:n:s:c:" opt; do
    case $opt in
        q) Q=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;;
        *) sed -n '2,15p' "$0"; exit 2 ;;
    esac
done
[ -x "$BENCH/relay-bench.sh" ] || { echo "queue.sh: no $BENCH/relay-bench.sh (set BENCH_DIR)" >&2; exit 2; }
select_jdk
ensure_local_redis
"$BENCH/postfix-peer.sh" install >/dev/null
bench_jar
work=$(mktemp -d) data=$(mktemp -d)/data sink=
# the service's logs are kept (in ${TMPDIR:-/tmp}/ledgermta-queue-logs) for a post-mortem
trap 'kill ${pid:-} ${sink:-} 2>/dev/null || true; mkdir -p "${TMPDIR:-/tmp}/ledgermta-queue-logs"
      cp "$work"/*.log "${TMPDIR:-/tmp}/ledgermta-queue-logs/" 2>/dev/null || true; rm -rf "$work" "$(dirname "$data")"' EXIT
rate() { sed -n 's/^msgs_per_s=\([0-9.na]*\).*/\1/p'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
stored() { ledger_timings 1970-01-01T00:00:00Z | cut -d' ' -f4; } # events in the ledger, or na

start_ledgermta "$data" "$work/relay.log"
empty=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 900 127.0.0.1:$PORT | rate)
echo "relay into an empty store: msgs_per_s=$empty n=$N"
stop_ledgermta

start_ledgermta "$data" "$work/paused.log" --mta.delivery.enabled=false
queued=0 slice=0
while [ "$queued" -lt "$Q" ]; do
    k=$(( Q - queued < N ? Q - queued : N ))
    t0=$EPOCHREALTIME
    /usr/sbin/smtp-source -s "$C" -m "$k" -l "$S" -N -f bench-sender@example.org -t bench-rcpt@example.com \
        -M bench-client.example 127.0.0.1:$PORT
    t1=$EPOCHREALTIME
    slice=$((slice + 1))
    echo "intake slice $slice: $k messages after $queued queued: msgs_per_s=$(awk -v k="$k" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", k / (b - a) }') rss_mb=$(rss_mb)"
    queued=$((queued + k))
done
sleep 2
echo "queued=$(queue_depth) rss_mb=$(rss_mb) peak_rss_mb=$(peak_rss_mb) cpu_s=$(cpu_seconds)"
stop_ledgermta

/usr/sbin/smtp-sink -c -u nobody 127.0.0.1:2526 2048 > /dev/null 2>&1 &
sink=$!
t0=$EPOCHREALTIME
start_ledgermta "$data" "$work/drain.log"
t_up=$EPOCHREALTIME
since=$(now_iso)
until [ "$(queue_depth)" = 0 ]; do sleep 1; done
t_done=$EPOCHREALTIME
# memory and CPU before the timings: should reading 400,000 events run the heap out (it did at 512 MiB
# before the forensic reads scanned the embedded store, 969272d), the service ends (ExitOnOutOfMemoryError)
drain_rss=$(peak_rss_mb) drain_cpu=$(cpu_seconds)
read -r p50 p99 evs events delivered left _ < <(ledger_timings "$since")
echo "drain: $Q queued messages delivered in $(elapsed "$t0" "$t_done") s from start ($(elapsed "$t0" "$t_up") s to SMTP up)," \
     "msgs_per_s=$(awk -v q="$Q" -v a="$t0" -v b="$t_done" 'BEGIN { printf "%.1f", q / (b - a) }') events_per_s=$evs" \
     "peak_rss_mb=$drain_rss cpu_s=$drain_cpu"
kill -0 "$pid" 2>/dev/null || echo "queue.sh: the service ended while reading the timings (its log is kept in ${TMPDIR:-/tmp}/ledgermta-queue-logs)" >&2
kill "$sink"; wait "$sink" 2>/dev/null || true; sink=

before=$(stored)
full=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 900 127.0.0.1:$PORT | rate || true)
echo "relay into the full store ($before events stored before): msgs_per_s=$full n=$N" \
     "vs empty: $(awk -v a="$full" -v b="$empty" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"

# last: a replay that fails leaves the views incomplete
api POST /api/v1/replay | tail -n 3 || true
stop_ledgermta
