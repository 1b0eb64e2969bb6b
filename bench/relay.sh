#!/usr/bin/env bash
# Throughput of ledgermta against Postfix on this machine, in the same run, alternating A B A B.
#
#   bench/relay.sh [-r RUNS] [-n MESSAGES] [-s BYTES] [-c CONNECTIONS]      (defaults 5, 5000, 10000, 20)
#
# Each run injects N messages of S bytes over C connections with Postfix's smtp-source and times the
# first injection to the last arrival at a local sink (../shared/bench/relay-bench.sh). ledgermta runs
# on its embedded defaults (a fresh data directory per run, every event stored and fsynced before 250),
# one seasoned egress IP (127.0.0.1: no warm-up caps), every domain routed to the sink; Postfix is the tuned peer of
# ../shared/bench/postfix-peer.sh. Loopback only. Prints every run, both medians and the ratio, and for
# ledgermta the peak resident memory and CPU seconds per 1,000 messages.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
RUNS=5 N=5000 S=10000 C=20
while getopts "r:n:s:c:" opt; do
    case $opt in
        r) RUNS=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;;
        *) sed -n '2,12p' "$0"; exit 2 ;;
    esac
done
BENCH=${BENCH_DIR:-$(cd .. && pwd)/shared/bench}
[ -x "$BENCH/relay-bench.sh" ] || { echo "relay.sh: no $BENCH/relay-bench.sh (set BENCH_DIR)" >&2; exit 2; }
select_jdk
ensure_local_redis
"$BENCH/postfix-peer.sh" install >/dev/null
jar=$(ls api/target/api-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit)" ]; then
    ./mvnw -q -B -DskipTests package
    jar=$(ls api/target/api-*.jar | grep -v -- '-plain' | head -n 1)
fi
PORT=2535
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; "$BENCH/postfix-peer.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

rate() { sed -n 's/^msgs_per_s=\([0-9.na]*\).*/\1/p'; }

run_ledgermta() {
    local data="$work/data-$1" log="$work/ledgermta-$1.log" line ticks clk rss
    # IPv4 sockets: the harness looks for 127.0.0.1:PORT in ss, not the IPv4-mapped [::ffff:127.0.0.1]
    "$JAVA_HOME/bin/java" -Djava.net.preferIPv4Stack=true -jar "$jar" --mta.data-dir="$data" --mta.smtp.listen=127.0.0.1:$PORT --server.port=0 \
        --mta.routes='*=127.0.0.1:2526' --mta.egress.ips=127.0.0.1 --mta.warm-up.default-plan=none --mta.accounts.bench.networks=127.0.0.1/32 \
        --mta.hostname=ledgermta.bench --logging.level.root=WARN >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null || { echo "relay.sh: ledgermta did not start:" >&2; tail -n 20 "$log" >&2; exit 1; }
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:$PORT || true)
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat"); clk=$(getconf CLK_TCK)
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    echo "$line" | rate > "$work/ledgermta-rate-$1"
    awk -v t="$ticks" -v k="$clk" -v n="$N" 'BEGIN { printf "%.2f\n", t / k / n * 1000 }' > "$work/cpu-$1"
    echo "$rss" > "$work/rss-$1"
    echo "ledgermta run $1: $line peak_rss_mb=$((rss / 1024)) cpu_s_per_1000=$(cat "$work/cpu-$1")"
}

run_postfix() {
    local line
    "$BENCH/postfix-peer.sh" clean >/dev/null
    line=$("$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:2525 || true)
    echo "$line" | rate > "$work/postfix-rate-$1"
    echo "postfix   run $1: $line"
}

"$BENCH/postfix-peer.sh" start >/dev/null
for i in $(seq "$RUNS"); do
    run_ledgermta "$i"
    run_postfix "$i"
done
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
lm=$(cat "$work"/ledgermta-rate-* | grep -v nan | median)
pf=$(cat "$work"/postfix-rate-* | grep -v nan | median)
rss=$(cat "$work"/rss-* | sort -n | tail -n 1)
cpu=$(cat "$work"/cpu-* | median)
echo "median msgs/s: ledgermta=$lm postfix=$pf ratio=$(awk -v a="$lm" -v b="$pf" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
     "runs=$RUNS n=$N size=$S conc=$C ledgermta_peak_rss_mb=$((rss / 1024)) ledgermta_cpu_s_per_1000=$cpu"
