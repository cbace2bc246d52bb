#!/usr/bin/env bash
# Planning benchmark: the plan-digests step of one edition for N subscribers (the delivery
# benchmark's data: 5 topics, 2 followed by each reader, about 200 stories, 10 a digest),
# on the H2 file, through the packaged jar as an operator runs `dispatch digest`. The SMTP
# port given is closed, so the command stops at the send step once the edition is planned;
# the step's time comes from the job repository. Prints the time, readers planned per
# second, what the ledger holds, the CPU of the command and the load average.
#
#   bench/planning-benchmark.sh [SUBSCRIBERS] [HEAP]      e.g. bench/planning-benchmark.sh 1000000 1g
#
# Needs target/dispatch.jar (mvn -DskipTests package) and what bench/delivery-benchmark.sh
# needs to build the data (built once per WORK, then copied afresh for each run: REUSE=1 is
# implied). JAR=FILE runs another build (on data built with that build: give it its own
# WORK); JAVA_OPTS passes JVM options (e.g. -XX:StartFlightRecording=filename=plan.jfr);
# PLAN_OPTS passes Dispatch options (e.g. --dispatch.digest.plan-chunk-size=10000).
set -euo pipefail
N=${1:-100000}
HEAP=${2:-1g}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
export WORK=${WORK:-$ROOT/target/benchmark/n$N}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
EDITION=2030-03-02
ARTICLES=${ARTICLES:-10}
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }

if [ ! -f "$WORK/prepared" ]; then
	JAR=$JAR PREPARE_ONLY=1 "$ROOT/bench/delivery-benchmark.sh" "$N" > /dev/null
fi
rm -rf "$WORK/data"
cp -r "$WORK/data.prepared" "$WORK/data"
# a port nothing listens on: the send step fails at once, after planning
DEAD=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

LOAD0=$(cut -d' ' -f1 /proc/loadavg)
START=$(date +%s.%N)
/usr/bin/time -f "%M %U %S" -o "$WORK/plan-rss" java ${JAVA_OPTS:-} -Xmx$HEAP -jar "$JAR" \
	--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates" \
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=$ARTICLES \
	--spring.mail.host=127.0.0.1 --spring.mail.port=$DEAD ${PLAN_OPTS:-} \
	digest --date $EDITION --quiet > "$WORK/plan.out" 2>&1 || true
END=$(date +%s.%N)
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
STEP=$(sql "select write_count, datediff('MILLISECOND', start_time, end_time), status from batch_step_execution
  where step_name = 'plan-digests' and job_execution_id = (select max(job_execution_id) from batch_job_execution)" |
	awk 'NR == 2 { print $1, $3, $5 }')
read -r CONSIDERED PLAN_MS STATUS <<< "$STEP"
LEDGER=$(sql "select count(*) m, count(group_id) g, (select count(*) from delivery_group where edition_key = '$EDITION') ng, (select count(*) from delivery_item) it from delivery where edition_key = '$EDITION'" 2>/dev/null |
	awk 'NR == 2 { print $1, $3, $5, $7 }' || true)
read -r MESSAGES GROUPED NGROUPS ITEMS <<< "${LEDGER:-? ? ? ?}"
awk -v n=$N -v considered=$CONSIDERED -v ms=$PLAN_MS -v status=$STATUS -v messages=$MESSAGES -v grouped=$GROUPED \
	-v groups=$NGROUPS -v items=$ITEMS -v all_s=$(echo "$END - $START" | bc) -v heap=$HEAP \
	-v cpu="$(tail -1 "$WORK/plan-rss" | awk '{ print $2 + $3 }')" -v rss="$(tail -1 "$WORK/plan-rss" | awk '{ print $1 }')" \
	-v ld="$LOAD0 -> $LOAD1" 'BEGIN {
	printf "subscribers %d, considered %d, plan-digests %s in %.1f s: %.0f readers/s\n", n, considered, status, ms / 1000, considered / (ms / 1000)
	printf "ledger: %s messages, %s of them in %s groups, %s delivery_item rows\n", messages, grouped, groups, items
	printf "whole command %.1f s (JVM start, matching, planning, the failed send step), CPU %.0f s, max RSS %d MB, -Xmx%s; load average %s\n", all_s, cpu, rss / 1024, heap, ld
}' | tee "$WORK/plan-result.txt"
