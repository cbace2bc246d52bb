#!/usr/bin/env bash
# Alert latency benchmark: while a digest edition for N subscribers is being sent to
# Postfix's smtp-sink, an editor triggers an alert for a breaking article followed by A of
# them (alerts on). Measures from the trigger (the moment `dispatch alert` is started, JVM
# start-up included) to the last alert accepted by the sink (the ledger's sent_at of the
# last alert row: a row is marked SENT right after the server's 250), and reports how many
# digests went out meanwhile and how long the digest paused.
#
#   bench/alert-latency.sh [SUBSCRIBERS] [ALERTED] [CONNECTIONS]
#   e.g. bench/alert-latency.sh 100000 10000 2
#
# Prepares the data with bench/delivery-benchmark.sh (PREPARE_ONLY=1; REUSE=1 reuses it),
# so it needs the same: target/dispatch.jar (mvn -DskipTests package), smtp-sink
# (apt-get install postfix; the daemon need not run) and jq. Quiet hours are turned off
# (--dispatch.alert.quiet-from=), so the figure does not depend on the hour it runs at.
set -euo pipefail
N=${1:-100000}
A=${2:-10000}
CONNS=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/alert-n$N}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
PORT=${PORT:-25977}
EDITION=2030-03-02
export PATH=$PATH:/usr/sbin

opts=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates"
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=10
	--spring.mail.host=127.0.0.1 --spring.mail.port=$PORT --dispatch.sending.connections=$CONNS
	--dispatch.alert.connections=$CONNS --dispatch.alert.quiet-from= --dispatch.alert.quiet-until=)
dispatch() { java -jar "$JAR" "${opts[@]}" "$@"; }
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }
value() { sql "$1" | awk 'NR == 2 { print $1 }'; }

# The digest's data (N subscribers, 200 articles), then a topic followed by A of them, with
# alerts on. The breaking article itself comes in while the digest is being sent.
if [ -z "${REUSE:-}" ] || [ ! -d "$WORK/data.prepared" ]; then
	PREPARE_ONLY=1 WORK="$WORK" PORT=$PORT "$ROOT/bench/delivery-benchmark.sh" "$N" "$CONNS"
	printf 'topics:\n  - name: "Breaking"\n    query: earthquake\n' > "$WORK/breaking-topic.yml"
	java -jar "$JAR" --dispatch.data-dir="$WORK/data" topics import "$WORK/breaking-topic.yml" > /dev/null
	sql "update subscriber set alerts = true where id <= $A;
	  insert into subscription (subscriber_id, topic_id) select s.id, t.id from subscriber s, topic t
	  where s.id <= $A and t.name = 'Breaking'" > /dev/null
	rm -rf "$WORK/data.prepared"
	cp -r "$WORK/data" "$WORK/data.prepared"
else
	rm -rf "$WORK/data"
	cp -r "$WORK/data.prepared" "$WORK/data"
fi
mkdir -p "$WORK/breaking"
cat > "$WORK/breaking/earthquake.txt" <<-'TXT'
Strong earthquake shakes the coast; buildings evacuated

A strong earthquake struck off the coast this afternoon, shaking buildings across the region and sending office workers into the streets.

The earthquake was felt hundreds of miles away. Emergency services said they had no reports yet of serious damage.
TXT

smtp-sink -u nobody 127.0.0.1:$PORT 256 & SINK=$!
trap 'kill $SINK 2>/dev/null || true' EXIT
sleep 1
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
dispatch digest --quiet --date $EDITION > "$WORK/digest.out" 2>&1 & DIGEST=$!
# Wait until the digest is sending, then a little more.
until [ "$(value "select count(*) from delivery where kind = 'digest' and status = 'SENT'")" -ge 5000 ]; do
	kill -0 $DIGEST 2>/dev/null || { echo "the digest ended early: $(cat "$WORK/digest.out")"; exit 1; }
	sleep 5
done
dispatch ingest --quiet --from "$WORK/breaking" > /dev/null
ARTICLE=$(value "select id from article where headline like 'Strong earthquake%'")

T0=$(date +%s.%N)
dispatch alert --quiet --article "$ARTICLE" | tee "$WORK/alert.out"
T1=$(date +%s.%N)
LAST=$(value "select cast(extract(epoch from max(sent_at)) * 1000 as bigint) from delivery
  where kind = 'alert' and edition_key = '$ARTICLE'")
FIRST_PLANNED=$(value "select cast(extract(epoch from min(planned_at)) * 1000 as bigint) from delivery
  where kind = 'alert' and edition_key = '$ARTICLE'")
FIRST_SENT=$(value "select cast(extract(epoch from min(sent_at)) * 1000 as bigint) from delivery
  where kind = 'alert' and edition_key = '$ARTICLE'")
ALERTS=$(value "select count(*) from delivery where kind = 'alert' and edition_key = '$ARTICLE' and status = 'SENT'")
# digests accepted between the trigger and the last alert, and while the alerts were going out
between() { value "select count(*) from delivery where kind = 'digest' and status = 'SENT'
  and extract(epoch from sent_at) * 1000 between $1 and $2"; }
DIGESTS_AFTER=$(between "$(echo "$T0 * 1000" | bc)" "$LAST")
DIGESTS_BESIDE=$(between "$FIRST_SENT" "$LAST")
LOAD_MID=$(cut -d' ' -f1-3 /proc/loadavg)
wait $DIGEST || true
kill $SINK; wait $SINK 2>/dev/null || true
DIGESTS=$(value "select count(*) from delivery where kind = 'digest' and status = 'SENT'")
PAUSE=$(grep -o 'after a pause of [0-9]* ms' "$WORK/data/dispatch.log" | awk '{ s += $5 } END { print s + 0 }')

awk -v t0=$T0 -v t1=$T1 -v last=$LAST -v planned=$FIRST_PLANNED -v alerts=$ALERTS -v a=$A -v n=$N \
	-v first=$FIRST_SENT -v beside=$DIGESTS_BESIDE -v during=$DIGESTS_AFTER -v digests=$DIGESTS -v pause=$PAUSE -v conns=$CONNS \
	-v load0="$LOAD_START" -v load1="$LOAD_MID" -v load2="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
	printf "digest edition: %d subscribers, %d digests sent in all; %d connection(s) for the digest, %d for the alert\n", n, digests, conns, conns
	printf "alert: %d of %d planned recipients accepted by smtp-sink\n", alerts, a
	printf "trigger to last alert accepted: %.1f s (trigger to rows planned %.1f s, the command returned after %.1f s)\n", (last / 1000) - t0, (planned / 1000) - t0, t1 - t0
	printf "alerts sent from the first to the last in %.1f s: %.0f alerts/s\n", (last - first) / 1000, alerts / ((last - first) / 1000)
	printf "digests accepted between the trigger and the last alert: %d, of which %d while the alerts went out; the digest paused %.1f s in all\n", during, beside, pause / 1000
	printf "load average (1, 5, 15 min): at the start %s, after the alert %s, at the end %s\n", load0, load1, load2
}' | tee "$WORK/result.txt"
