#!/usr/bin/env bash
# Does the embedded store open again after a deep queue? N messages injected with smtp-source (delivery
# paused, so every message stays queued), a clean stop, a start on the same data directory: prints the store
# file's size and whether the service came back, with the causes when it did not. Keeps the data directory
# (DIR, default a new temporary one) for a post-mortem.
#
#   bench/reopen.sh [-n MESSAGES] [-d DIR]          (defaults 100000, a new temporary directory)
#
# At 100,000 (2026-11-29, ~96,000 injected, a loaded machine, ec46099) the start failed once with
# "MVStoreException: Chunk 22368 not found"; since then it reopened each time (5776211 on a quiet machine;
# ce66183's code writing under six busy loops, see bench/RESULTS.md).
set -uo pipefail
cd "$(dirname "$0")/.."
. bin/lib.sh
. bench/lib.sh
N=100000 DIR=
while getopts "n:d:" opt; do
    case $opt in
        n) N=$OPTARG ;; d) DIR=$OPTARG ;;
        *) sed -n '2,9p' "$0"; exit 2 ;;
    esac
done
select_jdk
ensure_local_redis
bench_jar
DIR=${DIR:-$(mktemp -d)}
start_ledgermta "$DIR/data" "$DIR/first.log" --mta.delivery.enabled=false
echo "injecting $N messages into $DIR/data ($(date -u +%T))"
/usr/sbin/smtp-source -s 20 -m "$N" -l 10000 -N -f bench-sender@example.org -t bench-rcpt@example.com \
    -M bench-client.example "127.0.0.1:$PORT"
echo "queued: $(queue_depth)"
stop_ledgermta
echo "stopped ($(date -u +%T)); store file: $(du -h "$DIR/data/ledger.mv.db" | cut -f1)"
# a start that fails exits here with its causes and the path of its whole log
start_ledgermta "$DIR/data" "$DIR/second.log" --mta.delivery.enabled=false
echo "reopened: yes; queued: $(queue_depth)"
stop_ledgermta
