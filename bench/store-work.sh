#!/usr/bin/env bash
# The ledger store's work per message: N messages relayed through ledgermta (embedded defaults, as
# bench/relay.sh runs it), then the driver's command counters (mongodb_driver_commands_seconds_count on
# /actuator/prometheus) by command and collection, each divided by N.
#
#   bench/store-work.sh [-n MESSAGES] [-s BYTES] [-c CONNECTIONS]          (defaults 1000, 10000, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
N=1000 S=10000 C=20
while getopts "n:s:c:" opt; do
    case $opt in
        n) N=$OPTARG ;; s) S=$OPTARG ;; c) C=$OPTARG ;;
        *) sed -n '2,6p' "$0"; exit 2 ;;
    esac
done
one_service_bench store-work.sh
start_ledgermta "$work/data" "$work/ledgermta.log"
"$BENCH/relay-bench.sh" -q -n "$N" -s "$S" -c "$C" -t 600 127.0.0.1:$PORT
sleep 2 # the last delivery's views
curl -sS "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" | grep '^mongodb_driver_commands_seconds_count' \
    | sed -E 's/.*collection="([^"]*)".*command="([^"]*)".*status="([^"]*)".*\} ([0-9.E]+)/\2 \1 \3 \4/' \
    | awk -v n="$N" '{ printf "%-13s %-28s %-8s %8d %7.2f per message\n", $1, $2, $3, $4, $4 / n; t += $4 }
                     END { printf "all commands %d = %.2f per message (start-up included)\n", t, t / n }' | sort -k4 -n -r
