#!/usr/bin/env bash
# Rate benchmark: does dispatch.sending.rate hold for the whole edition? One digest edition for
# N subscribers, its send step in PARTITIONS partitions handed to WORKERS `dispatch worker`
# processes (dispatch.sending.remote=true), every process with the same dispatch.sending.rate,
# into bench/timestamp-sink.py, which notes the moment each message arrives. Prints the mean
# rate and the busiest and quietest 10-second windows against the limit.
#
#   bench/rate-benchmark.sh [SUBSCRIBERS] [RATE] [WORKERS] [PARTITIONS] [CONNECTIONS]
#   e.g. bench/rate-benchmark.sh 3000 100 2 4 2
#
# Prepares its data with bench/delivery-benchmark.sh (PREPARE_ONLY), so it needs what that
# script needs (target/dispatch.jar, smtp-sink for the preparation, jq), and python3.
set -euo pipefail
N=${1:-3000}
RATE=${2:-100}
WORKERS=${3:-2}
PARTS=${4:-4}
CONNS=${5:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/rate-n$N}
PORT=${PORT:-25927}
EDITION=2030-03-02
export PATH=$PATH:/usr/sbin
. "$ROOT/bench/lib.sh"

if [ ! -f "$WORK/prepared" ]; then
	WORK=$WORK PORT=$PORT PREPARE_ONLY=1 "$ROOT/bench/delivery-benchmark.sh" "$N" "$CONNS" > /dev/null
fi
common=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates"
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=10
	--spring.mail.host=127.0.0.1 --spring.mail.port=$PORT --dispatch.sending.connections=$CONNS
	--dispatch.sending.rate=$RATE)

echo "load before: $(uptime)" | tee -a "$WORK/rate.txt"
rm -rf "$WORK/data" "$WORK/arrivals.txt"
cp -r "$WORK/data.prepared" "$WORK/data"
python3 "$ROOT/bench/timestamp-sink.py" $PORT "$WORK/arrivals.txt" & SINK=$!
start_workers "$WORKERS" "$WORK/rate-worker" "${common[@]}"
java -jar "$JAR" digest --date $EDITION "${common[@]}" --dispatch.sending.partitions=$PARTS \
	--dispatch.sending.remote=true > "$WORK/rate-digest.out"
kill "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true
kill $SINK; wait $SINK 2>/dev/null || true
{
	echo "$N digests, rate=$RATE, $PARTS partitions on $WORKERS worker(s), $CONNS connection(s) each:"
	python3 "$ROOT/bench/timestamp-sink.py" --report "$WORK/arrivals.txt" $RATE
	echo "load after: $(uptime)"
} | tee -a "$WORK/rate.txt"
