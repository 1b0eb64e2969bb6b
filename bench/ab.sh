#!/usr/bin/env bash
# Two builds of ledgermta on the same relay, alternating (A B B A ...), for a change's effect on a noisy
# machine: each run relays N messages of S bytes over C connections into a fresh embedded store, as
# bench/relay.sh does, and prints msgs/s, CPU seconds per 1,000 messages and peak RSS; then the medians.
# -w relays WARM_UP messages first, untimed, on the same service (as bench/relay.sh -w): the timed run then
# measures compiled code, and CPU is counted over it alone; without -w, CPU includes start-up. Each run also
# shows the JIT's seconds and the KiB written per message during the timed run (see bench/relay.sh).
#
#   bench/ab.sh A.jar B.jar [-r RUNS] [-n MESSAGES] [-s BYTES] [-c CONNECTIONS] [-w WARM_UP]
#                                                                           (defaults 3, 5000, 10000, 20, 0)
#
# Build a jar of another commit with: git worktree add /tmp/a COMMIT && (cd /tmp/a && ./mvnw -q -B -DskipTests package)
# A_JAVA_OPTS and B_JAVA_OPTS add JVM options to one side only (e.g. the same jar with two heap sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
[ $# -ge 2 ] || { sed -n '2,13p' "$0"; exit 2; }
A=$(realpath "$1") B=$(realpath "$2"); shift 2
RUNS=3 N=5000 S=10000 C=20 WARM=0
while getopts "r:n:s:c:w:" opt; do
    case $opt in
        r) RUNS=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;; w) WARM=$OPTARG ;;
        *) sed -n '2,13p' "$0"; exit 2 ;;
    esac
done
select_jdk
ensure_local_redis
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
one() { # LABEL JAR RUN
    local line cpu0=0 jit written rss opts_var="$1_JAVA_OPTS"
    jar=$2
    LEDGERMTA_JAVA_OPTS="${LEDGERMTA_JAVA_OPTS:-} ${!opts_var:-}" start_ledgermta "$work/data-$1-$3" "$work/$1-$3.log"
    if [ "$WARM" -gt 0 ]; then
        "$BENCH/relay-bench.sh" -q -n "$WARM" -s "$S" -c "$C" -t 900 127.0.0.1:$PORT > /dev/null || true
        cpu0=$(cpu_seconds)
    fi
    mark_counters
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:$PORT || true)
    per_message "$cpu0" "$(cpu_seconds)" "$N" 1000 > "$work/cpu-$1-$3"; rss=$(peak_rss_mb)
    jit=$(jit_since_mark) written=$(kib_written_per_message "$N")
    stop_ledgermta
    echo "$line" | sed -n 's/^msgs_per_s=\([0-9.na]*\).*/\1/p' > "$work/rate-$1-$3"
    echo "$written" > "$work/written-$1-$3"
    echo "$1 run $3: $line peak_rss_mb=$rss cpu_s_per_1000=$(cat "$work/cpu-$1-$3") jit_s=$jit write_kb_per_msg=$written load=$(cut -d' ' -f1 /proc/loadavg)"
}
for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then one A "$A" "$i"; one B "$B" "$i"; else one B "$B" "$i"; one A "$A" "$i"; fi
done
for x in A B; do
    echo "$x median msgs/s=$(cat "$work"/rate-$x-* | grep -v nan | median) cpu_s_per_1000=$(cat "$work"/cpu-$x-* | median)" \
         "write_kb_per_msg=$(cat "$work"/written-$x-* | grep -v nan | median)"
done
