#!/usr/bin/env bash
# Throughput of ledgermta against Postfix on this machine, in the same run, alternating A B A B.
#
#   bench/relay.sh [-r RUNS] [-n MESSAGES] [-s BYTES] [-c CONNECTIONS] [-R MSGS_PER_S] [-w WARM_UP] [-a]
#                                                     (defaults 5, 5000, 10000, 20, as fast as they go, 0)
#
# Each run injects N messages of S bytes over C connections with Postfix's smtp-source and times the
# first injection to the last arrival at a local sink (../shared/bench/relay-bench.sh). ledgermta runs
# on its embedded defaults (a fresh data directory per run, every event stored and fsynced before 250),
# one seasoned egress IP (127.0.0.1: no warm-up cap), every domain routed to the sink; Postfix is the tuned
# peer of ../shared/bench/postfix-peer.sh. Loopback only. Prints every run, both medians and the ratio, and for
# ledgermta the peak resident memory, CPU seconds per 1,000 messages, and from its ledger
# (GET /api/v1/ledger/timings) the accept->delivered latency p50/p99 and the events written per second; also
# the seconds its JIT compilers spent during the timed run (jit_s: a JVM still compiling is not yet warm) and
# the KiB it wrote per message (write_kb_per_msg, /proc/PID/io wchar: the store file and its sockets; the
# store's work, which the machine's noise does not move).
# -R offers a fixed rate instead (bench/paced-smtp-source), to measure latency below the maximum.
# -w relays WARM_UP messages first, untimed, on the same service (and through Postfix), so that the timed
# run meets a JVM that has compiled its hot code, as a service that has run for a while has: a fresh JVM
# spends a run of 5,000 messages mostly interpreting and compiling. CPU is counted over the timed run alone.
# -a trains the JDK's AOT cache first (JDK 25+; bin/run's LEDGERMTA_AOT_CACHE): one untimed service relays
# 10,000 messages and stops, and every timed service then starts from that cache (bin/lib.sh, aot_options).
# LEDGERMTA_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/run.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
RUNS=5 N=5000 S=10000 C=20 RATE= WARM=0 AOT=
while getopts "r:n:s:c:R:w:a" opt; do
    case $opt in
        r) RUNS=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;; R) RATE=$OPTARG ;; w) WARM=$OPTARG ;; a) AOT=1 ;;
        *) sed -n '2,23p' "$0"; exit 2 ;;
    esac
done
[ -x "$BENCH/relay-bench.sh" ] || { echo "relay.sh: no $BENCH/relay-bench.sh (set BENCH_DIR)" >&2; exit 2; }
select_jdk
ensure_local_redis
"$BENCH/postfix-peer.sh" install >/dev/null
bench_jar
work=$(mktemp -d)
unpaced_path=$PATH
if [ -n "$RATE" ]; then
    # relay-bench.sh runs the first smtp-source on PATH
    mkdir "$work/bin" && ln -s "$PWD/bench/paced-smtp-source" "$work/bin/smtp-source"
    export PATH="$work/bin:$PATH" PACE_RATE=$RATE
fi
trap 'kill "${pid:-}" 2>/dev/null || true; "$BENCH/postfix-peer.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

rate() { sed -n 's/^msgs_per_s=\([0-9.na]*\).*/\1/p'; }

warm_up() { # PORT: WARM messages as fast as they go, untimed
    [ "$WARM" -gt 0 ] || return 0
    PATH=$unpaced_path "$BENCH/relay-bench.sh" -q -n "$WARM" -s "$S" -c "$C" -t 900 "127.0.0.1:$1" > /dev/null || true
}

run_ledgermta() {
    local line cpu0 jit written rss since p50 p99 evs events delivered left stages
    start_ledgermta "$work/data-$1" "$work/ledgermta-$1.log"
    warm_up "$PORT"
    since=$(now_iso) cpu0=$(cpu_seconds)
    mark_counters
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:$PORT || true)
    per_message "$cpu0" "$(cpu_seconds)" "$N" 1000 > "$work/cpu-$1"; rss=$(peak_rss_mb)
    jit=$(jit_since_mark) written=$(kib_written_per_message "$N")
    read -r p50 p99 evs events delivered left stages < <(ledger_timings "$since" || echo "nan nan nan 0 0 0 nan")
    stop_ledgermta
    echo "$line" | rate > "$work/ledgermta-rate-$1"
    echo "$rss" > "$work/rss-$1"
    echo "$p50" > "$work/p50-$1"; echo "$p99" > "$work/p99-$1"; echo "$evs" > "$work/evs-$1"
    echo "$jit" > "$work/jit-$1"; echo "$written" > "$work/written-$1"
    echo "ledgermta run $1: $line peak_rss_mb=$rss cpu_s_per_1000=$(cat "$work/cpu-$1") jit_s=$jit write_kb_per_msg=$written" \
         "p50_ms=$p50 p99_ms=$p99 events_per_s=$evs events=$events delivered=$delivered not_delivered=$left" \
         "first_attempt_ms=$stages"
}

run_postfix() {
    local line
    "$BENCH/postfix-peer.sh" clean >/dev/null
    warm_up 2525
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:2525 || true)
    echo "$line" | rate > "$work/postfix-rate-$1"
    echo "postfix   run $1: $line"
}

[ -z "$AOT" ] || train_aot_cache "$work/ledgermta.aot" 10000
"$BENCH/postfix-peer.sh" start >/dev/null
for i in $(seq "$RUNS"); do
    run_ledgermta "$i"
    run_postfix "$i"
done
lm=$(cat "$work"/ledgermta-rate-* | grep -v nan | median)
pf=$(cat "$work"/postfix-rate-* | grep -v nan | median)
rss=$(cat "$work"/rss-* | sort -n | tail -n 1)
cpu=$(cat "$work"/cpu-* | median)
echo "median msgs/s: ledgermta=$lm postfix=$pf ratio=$(awk -v a="$lm" -v b="$pf" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
     "runs=$RUNS n=$N size=$S conc=$C${RATE:+ offered_rate=$RATE} warm_up=$WARM aot_cache=$([ -n "$AOT" ] && echo trained || echo no) ledgermta_peak_rss_mb=$rss ledgermta_cpu_s_per_1000=$cpu" \
     "ledgermta_median_p50_ms=$(cat "$work"/p50-* | grep -v nan | median) ledgermta_median_p99_ms=$(cat "$work"/p99-* | grep -v nan | median)" \
     "ledgermta_median_events_per_s=$(cat "$work"/evs-* | grep -v nan | median)" \
     "ledgermta_median_jit_s=$(cat "$work"/jit-* | grep -v nan | median) ledgermta_median_write_kb_per_msg=$(cat "$work"/written-* | grep -v nan | median)"
