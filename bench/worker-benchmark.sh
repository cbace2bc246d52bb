#!/usr/bin/env bash
# Worker benchmark: one digest edition for N subscribers sent to Postfix's smtp-sink on loopback
# with the send step partitioned (dispatch.sending.partitions, default 6) and handed over the
# database to 1, 2 and 3 `dispatch worker` processes (dispatch.sending.remote=true), each with
# CONNECTIONS SMTP connections. Prints digests/s of the send step for each number of workers.
#
#   bench/worker-benchmark.sh [SUBSCRIBERS] [CONNECTIONS] [PARTITIONS]
#   e.g. bench/worker-benchmark.sh 20000 2 6
#   WORKERS="3" bench/worker-benchmark.sh 3000     # only three workers, on the prepared data
#
# Prepares its data with bench/delivery-benchmark.sh (PREPARE_ONLY), so it needs what that
# script needs: target/dispatch.jar (mvn -DskipTests package), smtp-sink, jq. The database is
# the H2 file in its automatic mixed mode (the workers reach it through the first process's
# TCP server); on PostgreSQL give every process --spring.datasource.url=... instead.
set -euo pipefail
N=${1:-20000}
CONNS=${2:-2}
PARTS=${3:-6}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/workers-n$N}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
PORT=${PORT:-25926}
EDITION=2030-03-02
export PATH=$PATH:/usr/sbin
. "$ROOT/bench/lib.sh"

if [ ! -f "$WORK/prepared" ]; then
	WORK=$WORK PORT=$PORT PREPARE_ONLY=1 "$ROOT/bench/delivery-benchmark.sh" "$N" "$CONNS" > /dev/null
fi
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }
common=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates"
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=10
	--spring.mail.host=127.0.0.1 --spring.mail.port=$PORT --dispatch.sending.connections=$CONNS)

echo "load before: $(uptime)" | tee -a "$WORK/workers.txt"
for W in ${WORKERS:-1 2 3}; do
	rm -rf "$WORK/data"
	cp -r "$WORK/data.prepared" "$WORK/data"
	smtp-sink -u nobody 127.0.0.1:$PORT 256 & SINK=$!
	start_workers "$W" "$WORK/worker-$W" "${common[@]}"
	java -jar "$JAR" digest --date $EDITION "${common[@]}" --dispatch.sending.partitions=$PARTS \
		--dispatch.sending.remote=true > "$WORK/digest-$W.out"
	kill "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true
	kill $SINK; wait $SINK 2>/dev/null || true
	STEP=$(sql "select write_count, datediff('MILLISECOND', start_time, end_time) from batch_step_execution
	  where step_name = 'send-digests' and job_execution_id = (select max(job_execution_id) from batch_job_execution)")
	echo "$STEP" | awk -v w=$W -v p=$PARTS -v c=$CONNS 'NR == 2 {
		printf "%d worker(s), %d partitions, %d connection(s) each: %d digests in %.1f s: %.0f digests/s\n",
			w, p, c, $1, $3 / 1000, $1 / ($3 / 1000) }' | tee -a "$WORK/workers.txt"
done
echo "load after: $(uptime)" | tee -a "$WORK/workers.txt"
