#!/usr/bin/env bash
# Ingest benchmark through the launcher (./dispatch ingest), as an operator runs it: the
# input of the ingest benchmark (10,000 article files and a feed of 5,000 entries, written
# by `mvn -o -Pbenchmark-ingest test` into target/benchmark), into a fresh database, RUNS
# times. Prints the ingest step's time and articles/s from the job repository, the whole
# command's time, and the heap (peak before a collection, largest after a full one).
#
#   bench/ingest-launcher.sh [RUNS] [HEAP]          (defaults 3, 256m)
#
# DISPATCH_JAVA and DISPATCH_JAVA_OPTS work as for ./dispatch; e.g.
# DISPATCH_JAVA_OPTS=-XX:TieredStopAtLevel=4 to compare with C2 compiling too.
set -euo pipefail
RUNS=${1:-3}
HEAP=${2:-256m}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
INPUT=$ROOT/target/benchmark
WORK=${WORK:-$ROOT/target/ingest-launcher}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
cd "$ROOT"
if [ ! -d "$INPUT/articles" ] || [ ! -f "$INPUT/wire.xml" ]; then
	mvn -o -q -Pbenchmark-ingest test > /dev/null
fi
FILES=$(find "$INPUT/articles" -type f | wc -l)
for run in $(seq 1 "$RUNS"); do
	rm -rf "$WORK"
	mkdir -p "$WORK"
	START=$(date +%s.%N)
	DISPATCH_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$WORK/gc.log ${DISPATCH_JAVA_OPTS:-}" ./dispatch ingest \
		--dispatch.data-dir="$WORK/data" --from "$INPUT/articles" --from "file://$INPUT/wire.xml" \
		--dispatch.ingest.max-feed-size=100MB > "$WORK/out.txt" 2>&1
	END=$(date +%s.%N)
	read -r MS ITEMS < <(java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch" -user sa \
		-sql "select datediff('MILLISECOND', start_time, end_time), read_count from batch_step_execution
		  where step_name = 'ingest-files'" | sed -n 2p | tr -s ' |' '  ')
	PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | awk -F'M->' '{ if ($1 > p) p = $1 } END { print p + 0 }')
	# what a full collection left: the live set then (a young one leaves the old garbage)
	AFTER=$(grep 'Pause Full' "$WORK/gc.log" | grep -o 'M->[0-9]*M' | tr -d 'M>-' | sort -n | tail -1 || true)
	awk -v run=$run -v ms=$MS -v n=$ITEMS -v files=$FILES -v all=$(echo "$END - $START" | bc) -v peak=$PEAK \
		-v after=${AFTER:-0} -v heap=$HEAP -v ld="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
		printf "run %d: %d items (%d files and a feed); ingest step %.1f s: %.0f articles/s; whole command %.1f s;", run, n, files, ms / 1000, n * 1000 / ms, all
		printf " heap -Xmx%s: peak %d MB, largest after a full collection %s; load %s\n", heap, peak, (after > 0) ? after " MB" : "n/a (none ran)", ld
	}'
done
head -1 "$ROOT/target/app/trained-with" | sed 's/^/java: /'
