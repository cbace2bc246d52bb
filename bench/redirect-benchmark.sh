#!/usr/bin/env bash
# Redirect benchmark: how fast `serve` answers a digest's counted link, /r/TOKEN (verify
# the signature, look up the message and the story, insert the click, 302).
#
#   bench/redirect-benchmark.sh [SECONDS] [CONNECTIONS]      # defaults 30 8
#
# Sends a one-story digest to Postfix's smtp-sink (which keeps the message), takes the
# /r/ link out of it, starts `dispatch serve` and runs wrk against the link: first one
# connection (one reader at a time), then CONNECTIONS; prints p50/p95/p99 and the rate of
# each, the clicks counted and the load average. Needs target/dispatch.jar
# (mvn -DskipTests package), smtp-sink (apt-get install postfix) and wrk (apt-get install
# wrk). HTTP_PORT (18977) and SMTP_PORT (25978) pick the ports.
set -euo pipefail
SECONDS_EACH=${1:-30}
CONNS=${2:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/redirect}
HTTP_PORT=${HTTP_PORT:-18977}
SMTP_PORT=${SMTP_PORT:-25978}
export PATH=$PATH:/usr/sbin

rm -rf "$WORK" && mkdir -p "$WORK/stories" "$WORK/mail"
chmod 777 "$WORK/mail"
opts=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates"
	--dispatch.site.url="http://127.0.0.1:$HTTP_PORT" --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT)
dispatch() { java -jar "$JAR" "${opts[@]}" "$@"; }

printf 'topics:\n  - name: "Harbour"\n    query: harbour\n' > "$WORK/topics.yml"
printf 'email,name,topics,frequency,timezone,send_hour,alerts\nana@example.com,Ana,Harbour,daily,UTC,7,false\n' \
	> "$WORK/subscribers.csv"
cat > "$WORK/stories/harbour.json" <<-'JSON'
{"headline": "Harbour fees rise", "url": "https://paper.example/harbour-fees",
 "body": "The harbour authority raised its fees on Monday for every ship that docks in the harbour."}
JSON

smtp-sink -u nobody -d "$WORK/mail/%H%M%S." 127.0.0.1:$SMTP_PORT 16 & SINK=$!
SERVE=
cleanup() { kill $SINK 2>/dev/null || true; [ -n "$SERVE" ] && kill $SERVE 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
dispatch topics import "$WORK/topics.yml" > /dev/null
dispatch subscribers import "$WORK/subscribers.csv" > /dev/null
dispatch ingest --quiet --from "$WORK/stories" > /dev/null
dispatch digest --quiet --date "$(date -u +%F)" > /dev/null
LINK=$(cat "$WORK"/mail/* | tr -d '\r' | sed -e ':a' -e '/=$/N; s/=\n//; ta' | sed 's/=3D/=/g' \
	| grep -o "http://127.0.0.1:$HTTP_PORT/r/[A-Za-z0-9_.-]*" | head -1)
[ -n "$LINK" ] || { echo "no /r/ link in the digest"; exit 1; }

# java itself in the background (not the function, whose subshell would be what $! names)
java -jar "$JAR" "${opts[@]}" serve --server.port=$HTTP_PORT > "$WORK/serve.log" 2>&1 & SERVE=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$LINK")" = 302 ]; do
	kill -0 $SERVE 2>/dev/null || { echo "serve ended: $(tail -20 "$WORK/serve.log")"; exit 1; }
	sleep 1
done

cat > "$WORK/percentiles.lua" <<-'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  %d requests, %.0f/s, %d errors\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout))
end
LUA
run() { wrk -t"$1" -c"$2" -d"${SECONDS_EACH}s" -s "$WORK/percentiles.lua" -H 'User-Agent: Mozilla/5.0 bench' "$LINK" | tail -1; }
{
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	run 1 4 > /dev/null # warm-up, not reported
	echo "1 connection:  $(run 1 1)"
	echo "$CONNS connections: $(run 2 "$CONNS")"
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
	curl -s "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" | grep '^dispatch_clicks_total' || true
} | tee "$WORK/result.txt"
