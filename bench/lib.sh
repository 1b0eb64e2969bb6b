# Shared by bench/relay.sh and bench/queue.sh: the service under test on loopback. Source it after bin/lib.sh.
BENCH=${BENCH_DIR:-$(cd .. && pwd)/shared/bench}
PORT=2535 HTTP_PORT=${LEDGERMTA_BENCH_HTTP_PORT:-2536}
TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# Sets $jar, building it when the sources are newer.
bench_jar() {
    jar=$(ls api/target/api-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
    if [ -z "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit)" ]; then
        ./mvnw -q -B -DskipTests package
        jar=$(ls api/target/api-*.jar | grep -v -- '-plain' | head -n 1)
    fi
}

# one_service_bench SCRIPT: what a bench of one service relaying to the sink needs first: the harness, a JDK,
# Redis and the jar; sets $work, a directory removed (and the service stopped) when the script exits.
one_service_bench() {
    [ -x "$BENCH/relay-bench.sh" ] || { echo "$1: no $BENCH/relay-bench.sh (set BENCH_DIR)" >&2; exit 2; }
    select_jdk
    ensure_local_redis
    bench_jar
    work=$(mktemp -d)
    trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
}

# start_ledgermta DATA_DIR LOG [--key=value ...]: starts the service, sets $pid, returns once SMTP answers.
# One egress IP (127.0.0.1), every domain routed to the sink on 127.0.0.1:2526, the operator token $TOKEN,
# the heap and collector of bin/run (-Xmx512m -XX:+UseParallelGC; LEDGERMTA_JAVA_OPTS may override them,
# e.g. -Xmx2g, or -XX:-UseParallelGC -XX:+UseG1GC for G1, or add a JFR recording).
start_ledgermta() {
    local data=$1 log=$2
    shift 2
    # the readiness check below is a connect to $PORT: another service already there would pass it
    if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then
        echo "bench: something already listens on 127.0.0.1:$PORT (an earlier bench's service?): stop it first" >&2
        exit 1
    fi
    # IPv4 sockets: the harness looks for 127.0.0.1:PORT in ss, not the IPv4-mapped [::ffff:127.0.0.1]
    # shellcheck disable=SC2086 # LEDGERMTA_JAVA_OPTS is a list of options
    "$JAVA_HOME/bin/java" -Djava.net.preferIPv4Stack=true -XX:+ExitOnOutOfMemoryError -Xmx512m -XX:+UseParallelGC \
        ${LEDGERMTA_JAVA_OPTS:-} -jar "$jar" --mta.data-dir="$data" \
        --mta.smtp.listen=127.0.0.1:$PORT --server.port=$HTTP_PORT --server.address=127.0.0.1 \
        --mta.api.operator-token="$TOKEN" \
        --mta.routes='*=127.0.0.1:2526' --mta.egress.ips=127.0.0.1 --mta.warm-up.default-plan=none --mta.accounts.bench.networks=127.0.0.1/32 \
        --mta.hostname=ledgermta.bench --logging.level.root=WARN "$@" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 600); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
    if ! kill -0 "$pid" 2>/dev/null; then
        # the work directory goes with the exit: keep the whole log, and show the causes, not only the tail
        cp "$log" "${TMPDIR:-/tmp}/ledgermta-bench-failed.log"
        echo "bench: ledgermta did not start (whole log: ${TMPDIR:-/tmp}/ledgermta-bench-failed.log):" >&2
        grep -E '^(Caused by|[A-Za-z.]+(Exception|Error))' "$log" | head -n 10 >&2 || true
        exit 1
    fi
}

stop_ledgermta() {
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

# CPU seconds the service used so far, and its peak resident memory in MiB
cpu_seconds() { awk -v k="$(getconf CLK_TCK)" '{ printf "%.1f\n", ($14 + $15) / k }' "/proc/$pid/stat"; }
peak_rss_mb() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status"; }
rss_mb() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status"; }
# seconds the service's JIT compilers have spent so far (jstat; "nan" when the JVM publishes no counters)
jit_seconds() { "$JAVA_HOME/bin/jstat" -compiler "$pid" 2>/dev/null | awk 'NR == 2 { print $4; found = 1 } END { if (!found) print "nan" }'; }
# bytes the service has passed to write() so far (wchar): its store file (commits and compaction) and its
# sockets (the store's wire, the sink, Redis). Not write_bytes: on this kernel ext4 counts whole large folios,
# 3.9 times what the service wrote.
written_bytes() { awk '/^wchar/ { print $2 }' "/proc/$pid/io"; }
# per_message BEFORE AFTER N SCALE: (AFTER - BEFORE) / N * SCALE, "nan" when a reading is missing
per_message() { awk -v a="$1" -v b="$2" -v n="$3" -v k="$4" 'BEGIN { if (a == "nan" || b == "nan" || n == 0) print "nan"; else printf "%.2f\n", (b - a) / n * k }'; }
# mark_counters before a timed run; after it, jit_since_mark (the JIT's seconds) and
# kib_written_per_message N (KiB written per message of the N relayed) over that run
mark_counters() { jit_mark=$(jit_seconds) written_mark=$(written_bytes); }
jit_since_mark() { per_message "$jit_mark" "$(jit_seconds)" 1 1; }
kib_written_per_message() { per_message "$written_mark" "$(written_bytes)" "$1" 0.0009765625; }

# median of the numbers on standard input, one a line
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

api() { # METHOD PATH
    curl -sS -X "$1" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT$2"
}

# p50_ms p99_ms events_per_s events delivered not_delivered first_attempt_stages, from the ledger's own
# timestamps, of what was recorded since $1; the stages of the first attempts as
# intake:P50/P99,queued:P50/P99,smtp:P50/P99,recording:P50/P99 (ms; see LedgerTimings). When the service
# answers with an error instead, every field is "na" and the answer goes to stderr.
ledger_timings() {
    api GET "/api/v1/ledger/timings?since=$1" | /usr/bin/python3 -c 'import json,sys; raw=sys.stdin.read()
try:
    d=json.loads(raw); f=d["firstAttempt"]
except (ValueError, KeyError):
    sys.stderr.write("ledger timings: no report: %s\n" % raw[:500]); print(" ".join(["na"] * 7)); sys.exit(0)
stages=",".join("%s:%s/%s" % (n, f[k]["p50Millis"], f[k]["p99Millis"]) for n, k in
    (("intake", "intake"), ("queued", "queued"), ("smtp", "transaction"), ("recording", "recording")))
print(d["p50Millis"], d["p99Millis"], round(d["eventsPerSecond"], 1), d["events"], d["delivered"], d["notDelivered"], stages)'
}

# the queue depth the service reports (ledgermta_queue_depth on /actuator/prometheus)
queue_depth() { curl -sS "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" | awk '/^ledgermta_queue_depth / { print int($2) }'; }

now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

# train_aot_cache FILE MESSAGES: trains the JDK's AOT cache FILE (bin/lib.sh, aot_options) on a service that
# relays MESSAGES (untimed, to the sink of relay-bench.sh) and stops; from then on start_ledgermta runs the
# extracted jar with -XX:AOTCache=FILE -XX:AOTMode=on (a cache the JVM cannot use stops it, instead of a
# run measured without it).
train_aot_cache() {
    local cache=$1 messages=$2 options
    jar=$(aot_jar "$jar")
    rm -f "$cache"
    options=$(aot_options "$cache" "$jar")
    case $options in -XX:AOTCacheOutput=*) ;; *) echo "bench: no AOT cache on this JDK" >&2; exit 1 ;; esac
    LEDGERMTA_JAVA_OPTS="${LEDGERMTA_JAVA_OPTS:-} $options" start_ledgermta "$(dirname "$cache")/aot-training-data" \
        "$(dirname "$cache")/aot-training.log"
    "$BENCH/relay-bench.sh" -q -n "$messages" -s 10000 -c 20 -t 900 "127.0.0.1:$PORT" >/dev/null || true
    stop_ledgermta # the JVM writes the cache on its way out
    if [ ! -s "$cache" ]; then
        echo "bench: the training run wrote no AOT cache; its log:" >&2
        tail -n 20 "$(dirname "$cache")/aot-training.log" >&2
        exit 1
    fi
    echo "bench: AOT cache trained on $messages messages: $cache ($(du -m "$cache" | cut -f1) MB)" >&2
    LEDGERMTA_JAVA_OPTS="${LEDGERMTA_JAVA_OPTS:-} -XX:AOTCache=$cache -XX:AOTMode=on"
}
