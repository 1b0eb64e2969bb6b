#!/usr/bin/env bash
# How long ledgermta takes to warm up: one service on a fresh embedded store relays K slices of N messages
# of S bytes over C connections to the local sink, one slice after the other, and prints per slice the
# rate, the service's CPU seconds per 1,000 messages, the seconds its JIT compilers spent, and the KiB it
# wrote per message (bench/lib.sh, written_bytes). The JIT's seconds show when the JVM has compiled its hot
# code: the warm-up (-w) bench/relay.sh and bench/ab.sh need before a timed run measures a service that has
# run a while.
#
#   bench/warm-up.sh [-k SLICES] [-n MESSAGES] [-s BYTES] [-c CONNECTIONS]     (defaults 10, 5000, 10000, 20)
#
# LEDGERMTA_JAVA_OPTS adds JVM options (e.g. -XX:TieredStopAtLevel=1, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
K=10 N=5000 S=10000 C=20
while getopts "k:n:s:c:" opt; do
    case $opt in
        k) K=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;;
        *) sed -n '2,11p' "$0"; exit 2 ;;
    esac
done
one_service_bench warm-up.sh
start_ledgermta "$work/data" "$work/ledgermta.log"
for i in $(seq "$K"); do
    cpu0=$(cpu_seconds)
    mark_counters
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 900 127.0.0.1:$PORT || true)
    echo "slice $i (messages $(( (i - 1) * N + 1 ))-$(( i * N ))): $line" \
         "cpu_s_per_1000=$(per_message "$cpu0" "$(cpu_seconds)" "$N" 1000)" \
         "jit_s=$(jit_since_mark) write_kb_per_msg=$(kib_written_per_message "$N")"
done
stop_ledgermta
