#!/usr/bin/env bash
# Does a message cost more to accept when the store holds more? The intake rate with delivery paused, in
# slices of smtp-source over loopback, against the messages already stored, on a JVM that has compiled its
# hot code first: the service accepts WARM_UP messages into a scratch store and stops, then the same JVM
# starts it again on an empty store and measures (IntakeRateAgainstStoreSizeBenchmark). Prints every slice
# and the rate with 5,000 stored against the rate with 50,000 stored.
#
#   bench/store-size.sh [-w WARM_UP] [-q MESSAGES] [-n SLICE] [-s BYTES] [-c CONNECTIONS]
#                                                     (defaults 25000, 55000, 5000, 10000, 20)
#
# bench/queue.sh measures the same on a fresh JVM, where the first slices are mostly the JIT's work.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
W=25000 Q=55000 N=5000 S=10000 C=20
while getopts "w:q:n:s:c:" opt; do
    case $opt in
        w) W=$OPTARG ;; q) Q=$OPTARG ;; n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;;
        *) sed -n '2,11p' "$0"; exit 2 ;;
    esac
done
select_jdk
ensure_local_redis
"$BENCH/postfix-peer.sh" install >/dev/null
# the test phase only: packaging would rewrite api/target's jar under a bench that may be running from it
./mvnw -q -B -pl api -am test -Dtest=IntakeRateAgainstStoreSizeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-Xmx512m -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true -XX:+ExitOnOutOfMemoryError" \
    -Dsize.warm-up="$W" -Dsize.messages="$Q" -Dsize.slice="$N" -Dsize.body-bytes="$S" -Dsize.connections="$C"
