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
# TCP server). DB=postgres runs it on PostgreSQL at 127.0.0.1:5432 (user postgres, trust)
# instead: the prepared data is copied into the database PGDB (default dispatch_bench_workers)
# from PGDB_nN (N readers), made once from the same topics, articles and readers.
# LATENCY_MS=50 puts bench/latency-proxy.py (on PORT+1) between smtp-sink and the workers, for
# a relay that far away, and after each run sends as many messages of the same size with
# smtp-source through it over as many connections as the workers had together: the relay's limit.
#   DB=postgres LATENCY_MS=50 bench/worker-benchmark.sh 3000 10 4
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
read -r SIZE ITEMS < "$WORK/prepared"
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }
SEND_PORT=$PORT
if [ -n "${LATENCY_MS:-}" ]; then
	SEND_PORT=$((PORT + 1))
	python3 "$ROOT/bench/latency-proxy.py" $SEND_PORT 127.0.0.1:$PORT "$LATENCY_MS" & PROXY=$!
	trap 'kill $PROXY 2>/dev/null || true' EXIT
	sleep 1
fi
common=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates"
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=10
	--spring.mail.host=127.0.0.1 --spring.mail.port=$SEND_PORT --dispatch.sending.connections=$CONNS)
DB=${DB:-h2}
if [ "$DB" = postgres ]; then
	PGDB=${PGDB:-dispatch_bench_workers}
	pg() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$@"; }
	common+=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$PGDB --spring.datasource.username=postgres)
	if ! pg -d "${PGDB}_n${N}" -c 'select 1' > /dev/null 2>&1; then
		# the same topics, articles and readers as the H2 data, made once
		pg -d postgres -c "drop database if exists $PGDB" -c "create database $PGDB"
		java -jar "$JAR" topics import "$WORK/topics.yml" "${common[@]}" > /dev/null
		java -jar "$JAR" ingest "${common[@]}" --dispatch.ingest.sources[0].location="$WORK/inbox/bbc" \
			--dispatch.ingest.sources[0].name="Newsroom" --dispatch.ingest.sources[1].location="$WORK/inbox/wire" \
			--dispatch.ingest.sources[1].name="Northern Wire" > /dev/null
		pg -d "$PGDB" -c "insert into subscriber (email, name, frequency, time_zone, send_hour, alerts, status, created_at)
		  select 'reader' || x || '@mail' || mod(x, 500) || '.example', 'Reader ' || x, 'DAILY', 'UTC', 7, false, 'ACTIVE',
		  current_timestamp from generate_series(1, $N) x" \
			-c "insert into subscription (subscriber_id, topic_id) select s.id, t.id from subscriber s, topic t
		  where mod(s.id + t.id, 5) < 2"
		pg -d postgres -c "create database ${PGDB}_n${N} template $PGDB"
	fi
fi

echo "load before: $(uptime)" | tee -a "$WORK/workers.txt"
for W in ${WORKERS:-1 2 3}; do
	rm -rf "$WORK/data"
	cp -r "$WORK/data.prepared" "$WORK/data"
	if [ "$DB" = postgres ]; then
		pg -d postgres -c "drop database if exists $PGDB" -c "create database $PGDB template ${PGDB}_n${N}"
	fi
	smtp-sink -u nobody 127.0.0.1:$PORT 256 & SINK=$!
	start_workers "$W" "$WORK/worker-$W" "${common[@]}"
	java -jar "$JAR" digest --date $EDITION "${common[@]}" --dispatch.sending.partitions=$PARTS \
		--dispatch.sending.remote=true > "$WORK/digest-$W.out"
	kill "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true
	kill $SINK; wait $SINK 2>/dev/null || true
	if [ "$DB" = postgres ]; then
		STEP=$(pg -d "$PGDB" -At -F ' ' -c "select write_count, 1000 * extract(epoch from end_time - start_time)
		  from batch_step_execution where step_name = 'send-digests'
		  and job_execution_id = (select max(job_execution_id) from batch_job_execution)" | awk '{ print "header"; print $1, "|", $2 }')
	else
		STEP=$(sql "select write_count, datediff('MILLISECOND', start_time, end_time) from batch_step_execution
		  where step_name = 'send-digests' and job_execution_id = (select max(job_execution_id) from batch_job_execution)")
	fi
	LIMIT=""
	if [ -n "${LATENCY_MS:-}" ]; then
		# the relay's limit at the same total connections, through the same proxy
		smtp-sink -u nobody 127.0.0.1:$PORT 256 & SINK=$!
		sleep 1
		S0=$(date +%s.%N)
		smtp-source -s $((W * CONNS)) -m "$N" -l "$SIZE" -f bench@example.com -t sink@example.com 127.0.0.1:$SEND_PORT
		S1=$(date +%s.%N)
		kill $SINK; wait $SINK 2>/dev/null || true
		LIMIT=$(echo "$N / ($S1 - $S0)" | bc -l)
	fi
	echo "$STEP" | awk -v w=$W -v p=$PARTS -v c=$CONNS -v limit="$LIMIT" -v db=$DB -v ld="$(cut -d' ' -f1-3 /proc/loadavg)" 'NR == 2 {
		rate = $1 / ($3 / 1000)
		printf "%s, %d worker(s), %d partitions, %d connection(s) each: %d digests in %.1f s: %.1f digests/s", db, w, p, c, $1, $3 / 1000, rate
		if (limit != "") printf "; smtp-source over %d connections: %.1f msg/s, ratio %.2f", w * c, limit, rate / limit
		printf " (load %s)\n", ld }' | tee -a "$WORK/workers.txt"
done
echo "load after: $(uptime)" | tee -a "$WORK/workers.txt"
