#!/usr/bin/env bash
# Delivery benchmark: one digest edition for N subscribers (about 10 articles, 10-15 KB each)
# sent to Postfix's smtp-sink on loopback, then smtp-source sending the same number of
# messages of the same size to the same sink over the same number of connections: the
# machine's limit. Prints digests/s of the send step and of the whole command (JVM start,
# matching, planning, sending, exit), each one's ratio to the limit, and the heap: its peak, and the
# live heap sampled every LIVE_EVERY (60) seconds with a full collection (jcmd GC.run).
#
#   bench/delivery-benchmark.sh [SUBSCRIBERS] [CONNECTIONS] [HEAP]
#   e.g. bench/delivery-benchmark.sh 100000 2 512m
#
# Needs target/dispatch.jar (mvn -DskipTests package), smtp-sink and smtp-source
# (apt-get install postfix; the daemon need not run), and jq. JAR=FILE runs another build. Articles come from
# BBC=DIR (default ../shared/data/bbc) when present, otherwise they are generated.
# LATENCY_MS=50 puts bench/latency-proxy.py (on PORT+1) between the sink and both senders, for
# a relay that far away; DISPATCH_OPTS adds Spring options to the digest command (e.g.
# --dispatch.sending.in-flight=1). TIMESTAMPS=1 measures into bench/timestamp-sink.py instead
# of smtp-sink and prints, for Dispatch and smtp-source, the arrivals per second and how much
# of the run passed with nothing arriving (arrivals in $WORK/arrivals-*.txt).
set -euo pipefail
N=${1:-100000}
CONNS=${2:-2}
HEAP=${3:-512m}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/n$N}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
PORT=${PORT:-25925}
SAMPLE=200
EDITION=2030-03-02
export PATH=$PATH:/usr/sbin

ARTICLES=${ARTICLES:-10}
dispatch() { java -jar "$JAR" --dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates" \
	--dispatch.digest.lookback-days=100000 \
	--dispatch.digest.max-articles=$ARTICLES "$@"; }
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }

sink() { smtp-sink -u nobody "$@" 127.0.0.1:$PORT 256 & SINK=$!; sleep 1; }
# the sink of a measured run: smtp-sink, or with TIMESTAMPS the sink that notes each arrival
measured_sink() { # NAME
	if [ -n "${TIMESTAMPS:-}" ]; then
		rm -f "$WORK/arrivals-$1.txt"
		python3 "$ROOT/bench/timestamp-sink.py" $PORT "$WORK/arrivals-$1.txt" & SINK=$!
		sleep 1
	else
		sink
	fi
}

prepare() {
	rm -rf "$WORK"
	mkdir -p "$WORK/inbox" "$WORK/dump"
	chmod 777 "$WORK/dump"

	# Topics, and articles that match them.
	cat > "$WORK/topics.yml" <<-'YML'
	topics:
	  - name: "Business"
	    query: 'economy OR shares OR market OR profits'
	  - name: "Entertainment"
	    query: 'film OR music OR album OR actor'
	  - name: "Politics"
	    query: 'election OR minister OR labour OR tory'
	  - name: "Sport"
	    query: 'match OR coach OR championship OR season'
	  - name: "Technology"
	    query: 'technology OR software OR internet OR mobile'
	YML
	# Articles as a newsroom sends them: JSON with a headline, the body and the story's address.
	# A quarter of the stories come a second time from a wire service (another headline, the
	# same text), so digests carry "Also in: Northern Wire" as real ones do.
	mkdir -p "$WORK/inbox/bbc" "$WORK/inbox/wire"
	article() { # FILE URL HEADLINE-SUFFIX
		jq -n --rawfile t "$1" --arg url "$2" --arg suffix "$3" \
			'($t | split("\n")) as $l | {headline: ($l[0] + $suffix), body: ($l[1:] | join("\n")), url: $url}'
	}
	BBC=${BBC:-$ROOT/../shared/data/bbc}
	if [ ! -d "$BBC" ]; then
		BBC=$WORK/generated
		words=(economy shares market profits film music album actor election minister labour tory match coach
			championship season technology software internet mobile)
		sections=(business entertainment politics sport tech)
		for i in $(seq 1 200); do
			w=${words[$((i % 20))]}
			mkdir -p "$BBC/${sections[$((i % 5))]}"
			{
				echo "Story $i: the $w news of the day, and what it means"
				echo
				for p in 1 2 3 4; do
					echo "Paragraph $p of story $i. Reporters followed the $w story across the country today, where people spoke about what the $w changes mean for them, their families and their work over the coming months."
					echo
				done
			} > "$BBC/${sections[$((i % 5))]}/$i.txt"
		done
	fi
	n=0
	for section in business entertainment politics sport tech; do
		for f in $(ls "$BBC/$section" | head -40); do
			n=$((n + 1))
			article "$BBC/$section/$f" "https://news.example.com/$section/2030/03/${f%.txt}-story-$n" "" \
				> "$WORK/inbox/bbc/$section-${f%.txt}.json"
			if [ $((n % 4)) = 0 ]; then
				article "$BBC/$section/$f" "https://wire.example.net/stories/$section-$n" " (wire)" \
					> "$WORK/inbox/wire/$section-${f%.txt}.json"
			fi
		done
	done
	dispatch topics import "$WORK/topics.yml" > /dev/null
	dispatch ingest --dispatch.ingest.sources[0].location="$WORK/inbox/bbc" \
		--dispatch.ingest.sources[0].name="Newsroom" --dispatch.ingest.sources[1].location="$WORK/inbox/wire" \
		--dispatch.ingest.sources[1].name="Northern Wire" > /dev/null

	# Subscribers go straight into the database: importing CSV is not what is measured.
	subscribers() {
		sql "insert into subscriber (email, name, frequency, time_zone, send_hour, alerts, status, created_at)
		  select 'reader' || x || '@mail' || mod(x, 500) || '.example', 'Reader ' || x, 'DAILY', 'UTC', 7, false, 'ACTIVE',
		  current_timestamp from system_range($1, $2);
		insert into subscription (subscriber_id, topic_id) select s.id, t.id from subscriber s, topic t
		  where s.id between $1 and $2 and mod(s.id + t.id, 5) < 2;" > /dev/null
	}

	# A sample edition to learn the size of a digest, then forgotten.
	subscribers 1 $SAMPLE
	sink -d "$WORK/dump/%H%M%S."
	dispatch --spring.mail.host=127.0.0.1 --spring.mail.port=$PORT digest --date 2030-03-01 > /dev/null
	kill $SINK; wait $SINK 2>/dev/null || true
	# smtp-sink puts its own headers (X-Client-Addr…, Received) on top of what it received.
	SIZE=$(cat "$WORK"/dump/* | LC_ALL=C awk '/^X-Client-Addr: / { n++; skip = 1 } skip && /^(X-[A-Za-z-]+|Received):|^\t/ { next }
		{ skip = 0; s += length($0) + 2 } END { printf "%d", s / n }')
	# a message's articles are its own (delivery_item) or its group's (delivery_group_item)
	ITEMS=$(sql "select cast(avg(n) as decimal(5, 1)) from (select count(*) n from delivery_item group by delivery_id
		union all select count(*) n from delivery d join delivery_group_item g on g.group_id = d.group_id group by d.id)" |
		awk 'NR == 2 { print $1 }')
	sql "delete from delivery; delete from delivery_group" > /dev/null 2>&1 || sql "delete from delivery" > /dev/null
	rm -rf "$WORK/dump"
	subscribers $((SAMPLE + 1)) $N
	echo "$SIZE $ITEMS" > "$WORK/prepared"
	cp -r "$WORK/data" "$WORK/data.prepared"
}

# REUSE=1 runs again on the data an earlier run of the same WORK prepared.
if [ -n "${REUSE:-}" ] && [ -f "$WORK/prepared" ]; then
	read -r SIZE ITEMS < "$WORK/prepared"
	rm -rf "$WORK/data"
	cp -r "$WORK/data.prepared" "$WORK/data"
else
	prepare
fi
if [ -n "${PREPARE_ONLY:-}" ]; then
	echo "Prepared $N subscribers in $WORK/data (digests of about $SIZE bytes, $ITEMS articles)."
	exit 0
fi

# The edition. Whatever happens, no sink or proxy is left behind to take the next run's port.
trap 'kill ${SINK:-} ${PROXY:-} 2>/dev/null || true' EXIT
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
SEND_PORT=$PORT
if [ -n "${LATENCY_MS:-}" ]; then
	SEND_PORT=$((PORT + 1))
	python3 "$ROOT/bench/latency-proxy.py" $SEND_PORT 127.0.0.1:$PORT "$LATENCY_MS" & PROXY=$!
	sleep 1
fi
measured_sink dispatch
# The live heap, every LIVE_EVERY seconds (0: never): a full collection, then the heap in use.
LIVE_EVERY=${LIVE_EVERY:-60}
rm -f "$WORK/live.txt"
if [ "$LIVE_EVERY" -gt 0 ]; then
	(
		for _ in $(seq 1 100); do
			PID=$(pgrep -f "^java .*-Ddispatch.benchmark=$WORK " | head -1)
			[ -n "$PID" ] && break
			sleep 0.2
		done
		while [ -n "$PID" ] && sleep "$LIVE_EVERY" && jcmd "$PID" GC.run > /dev/null 2>&1; do
			echo "$(date +%s) full collection" >> "$WORK/live.txt"
		done
	) &
	SAMPLER=$!
fi
START=$(date +%s.%N)
/usr/bin/time -f "%M %U %S" -o "$WORK/rss" java ${JAVA_OPTS:-} -Xmx$HEAP -Xlog:gc:file="$WORK/gc.log" -Ddispatch.benchmark=$WORK -jar "$JAR" \
	--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates" \
	--dispatch.digest.lookback-days=100000 --dispatch.digest.max-articles=$ARTICLES \
	--spring.mail.host=127.0.0.1 --spring.mail.port=$SEND_PORT --dispatch.sending.connections=$CONNS \
	${DISPATCH_OPTS:-} digest --date $EDITION | tee "$WORK/digest.out"
END=$(date +%s.%N)
kill $SINK; wait $SINK 2>/dev/null || true
[ -n "${SAMPLER:-}" ] && { kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; }
STEPS=$(sql "select step_name, write_count, datediff('MILLISECOND', start_time, end_time) from batch_step_execution
  where job_execution_id = (select max(job_execution_id) from batch_job_execution)")
SEND_MS=$(echo "$STEPS" | awk '/send-digests/ { print $5 }')
PLAN_MS=$(echo "$STEPS" | awk '/plan-digests/ { print $5 }')
SENT=$(echo "$STEPS" | awk '/send-digests/ { print $3 }')
PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | awk -F'M->' '{ if ($1 > p) p = $1 } END { print p + 0 }')
# What stays after a collection that also cleans the old regions (G1's mixed and full
# ones): the live set, at most. A young collection leaves the old garbage in place, and the
# remark and cleanup lines show the heap in use, garbage included.
LIVE=$(grep -E 'Pause Young \(Mixed\)|Pause Full' "$WORK/gc.log" | grep -o 'M->[0-9]*M' | tr -d 'M>-' | sort -n | tail -1 || true)
LIVE=${LIVE:-0}
# The heap each of those full collections left, from the GC log: asked for afterwards
# (GC.heap_info), the heap in use also holds what the run allocated in between, a hundred
# megabytes and more at full speed.
SAMPLED=none
if grep -q 'Pause Full (Diagnostic Command)' "$WORK/gc.log"; then
	SAMPLED=$(grep 'Pause Full (Diagnostic Command)' "$WORK/gc.log" | grep -o 'M->[0-9]*M' | tr -d 'M>-' |
		awk 'NF { n++; if (n == 1 || $1 < lo) lo = $1; if ($1 > m) m = $1 } END { printf "%d-%d MB over %d samples", lo, m, n }')
fi

# The machine's limit: smtp-source, same count, size and connections, same sink.
measured_sink source
S0=$(date +%s.%N)
smtp-source -s $CONNS -m $N -l $SIZE -f bench@example.com -t sink@example.com 127.0.0.1:$SEND_PORT
S1=$(date +%s.%N)
kill $SINK; wait $SINK 2>/dev/null || true

awk -v n=$SENT -v send=$SEND_MS -v plan=$PLAN_MS -v all_s=$(echo "$END - $START" | bc) \
	-v src=$(echo "$S1 - $S0" | bc) -v size=$SIZE -v conns=$CONNS -v peak=$PEAK -v live=$LIVE -v sampled="$SAMPLED" -v every=$LIVE_EVERY \
	-v rss="$(awk '{ print $1 }' "$WORK/rss")" -v cpu="$(awk '{ print $2 + $3 }' "$WORK/rss")" -v ld="$LOAD0 -> $(cut -d' ' -f1 /proc/loadavg)" -v heap=$HEAP -v total=$N -v items=$ITEMS -v latency="${LATENCY_MS:-}" 'BEGIN {
	rate = n / (send / 1000); limit = total / src
	printf "subscribers %d, digests sent %d, mean size %d bytes with %s articles, %s connection(s), -Xmx%s%s\n", total, n, size, items, conns, heap, (latency != "") ? ", through the latency proxy at " latency " ms" : ""
	printf "plan-digests %.1f s; send-digests %.1f s: %.0f digests/s; whole command %.1f s: %.0f digests/s\n", plan / 1000, send / 1000, rate, all_s, n / all_s
	printf "smtp-source: %d messages in %.1f s: %.0f messages/s (the limit)\n", total, src, limit
	printf "ratio to the limit: send step %.2f, whole command %.2f\n", rate / limit, (n / all_s) / limit
	printf "peak heap used (before a GC) %d MB, largest heap after a mixed or full GC (the live set) %s, max RSS %d MB\n", peak, (live > 0) ? live " MB" : "n/a (none ran)", rss / 1024
	printf "live heap after a full collection every %s s: %s\n", every, sampled
	printf "CPU of the whole command %.0f s (%.2f ms a subscriber); load average %s\n", cpu, cpu * 1000 / total, ld
}' | tee "$WORK/result.txt"
if [ -n "${TIMESTAMPS:-}" ]; then
	for run in dispatch source; do
		echo "arrivals, $run:"
		python3 "$ROOT/bench/timestamp-sink.py" --gaps "$WORK/arrivals-$run.txt"
	done | tee -a "$WORK/result.txt"
fi
