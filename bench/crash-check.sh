#!/usr/bin/env bash
# Crash check: kill the digest run with SIGKILL part-way through an edition, then
# `jobs recover` and `jobs restart`, and count what the sink received by Message-ID.
#
#   bench/crash-check.sh [SUBSCRIBERS] [KILL_AFTER_SENT]     (defaults 20000, 40 % of them)
#
# Builds its data with PREPARE_ONLY=1 bench/delivery-benchmark.sh the first time.
set -euo pipefail
N=${1:-20000}
KILL_AT=${2:-$((N * 2 / 5))}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/target/dispatch.jar
WORK=${WORK:-$ROOT/target/crash}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
PORT=${PORT:-25927}
EDITION=${EDITION:-$(date -d "+$((RANDOM % 3000 + 2000)) days" +%F)}
export PATH=$PATH:/usr/sbin

[ -d "$WORK/data" ] || PREPARE_ONLY=1 WORK="$WORK" ARTICLES=4 "$ROOT/bench/delivery-benchmark.sh" "$N"
dispatch() { java -jar "$JAR" --dispatch.data-dir="$WORK/data" --dispatch.digest.lookback-days=100000 \
	--dispatch.digest.max-articles=4 --spring.mail.host=127.0.0.1 --spring.mail.port=$PORT "$@"; }
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa \
	-sql "$1" | sed -n 2p | tr -d ' '; }
sent() { sql "select count(*) from delivery where edition_key = '$EDITION' and status = 'SENT'"; }

rm -rf "$WORK/dump"; mkdir -p "$WORK/dump"; chmod 777 "$WORK/dump"
smtp-sink -u nobody -D "$WORK/dump/received" 127.0.0.1:$PORT 256 & SINK=$!
sleep 1

sql "delete from delivery" > /dev/null
# exec: $! must be the JVM itself, or SIGKILL would only kill a subshell
(exec java -jar "$JAR" --dispatch.data-dir="$WORK/data" --dispatch.digest.lookback-days=100000 \
	--dispatch.digest.max-articles=4 --spring.mail.host=127.0.0.1 --spring.mail.port=$PORT \
	digest --date $EDITION > "$WORK/first.out" 2>&1) & RUN_PID=$!
SENT=0
while [ "$SENT" -lt "$KILL_AT" ]; do
	sleep 0.3
	SENT=$(sent)
done
kill -KILL $RUN_PID
wait $RUN_PID 2>/dev/null || true
sleep 1
echo "killed with SIGKILL when $SENT were recorded as SENT; after the kill the ledger holds $(sent) SENT," \
	"the sink has $(grep -ac '^Message-ID:' "$WORK/dump/received") messages"
RUN=$(sql "select max(job_execution_id) from batch_job_execution")
echo "--- dispatch digest --date $EDITION (the run is still STARTED)"
dispatch digest --date $EDITION || echo "exit $?"
echo "--- dispatch jobs recover $RUN"
dispatch jobs recover $RUN
echo "--- dispatch jobs restart $RUN"
dispatch jobs restart $RUN || echo "exit $?"
kill $SINK; wait $SINK 2>/dev/null || true

PLANNED=$(sql "select count(*) from delivery where edition_key = '$EDITION'")
IN_DOUBT=$(sql "select count(*) from delivery where edition_key = '$EDITION' and in_doubt")
grep -a '^Message-ID:' "$WORK/dump/received" | sort > "$WORK/ids"
TOTAL=$(wc -l < "$WORK/ids")
UNIQUE=$(uniq "$WORK/ids" | wc -l)
echo "planned $PLANNED; received $TOTAL messages, $UNIQUE distinct Message-IDs, $((TOTAL - UNIQUE)) duplicates;" \
	"reported in doubt: $IN_DOUBT"
uniq -d "$WORK/ids" | head -5
