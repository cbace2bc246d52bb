#!/usr/bin/env bash
# Web load benchmark: one `dispatch serve` with N readers stored, and wrk at C connections
# sending, one after the other:
#   1. one-click unsubscribe POSTs (List-Unsubscribe=One-Click, as mailbox providers send
#      them after a big edition), each with a different reader's signed link;
#   2. GETs of the sign-up page;
#   3. preference saves (the form POSTed with its CSRF cookie and field), each for a
#      different reader.
# Prints requests/s, p50 and p99 for each, then checks in the database that every reader
# whose link was posted is unsubscribed and no other: each unsubscribe recorded once.
#
#   bench/web-load.sh [READERS] [CONNECTIONS]        e.g. bench/web-load.sh 100000 50
#   UNSUBSCRIBES=60000 SAVES=20000 (links signed; more than a run sends) DURATION=20s (each)
#   WARMUP=10s (each kind of request runs this long before it is measured, so that the
#   JIT has compiled its code, as in a server that has been up a while; the warm-up
#   unsubscribes use 20,000 links of their own, the warm-up saves change nothing;
#   default 0s: measured from a cold start)
#   REUSE=1 (keep the prepared readers)
#   SERVE_OPTS="-XX:StartFlightRecording=filename=/tmp/serve.jfr,settings=profile" (JVM
#   options for serve, e.g. a flight recording to see where the time goes)
#   SERVE_ARGS="--server.tomcat.threads.max=200 --dispatch.unsubscribe.batch-size=1" (more
#   settings for serve; these two give the request threads and one commit per unsubscribe
#   of the code before branch perf-21b, which made 16 threads and batches of 64 the defaults)
#
# Needs target/dispatch.jar (mvn -DskipTests package), wrk (apt-get install wrk), curl and
# python3. The links are signed here the way subscriber.SubscriberLinks signs them
# (HMAC-SHA256 with dispatch.secret, which the script sets).
set -euo pipefail
N=${1:-100000}
C=${2:-50}
U=${UNSUBSCRIBES:-60000}
S=${SAVES:-20000}
W=20000
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-0s}
THREADS=${THREADS:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/dispatch.jar}
WORK=${WORK:-$ROOT/target/benchmark/web-load-n$N}
H2JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
PORT=${PORT:-18481}
SECRET=web-load-benchmark-secret-0123456789
URL=http://127.0.0.1:$PORT

mkdir -p "$WORK/jobs"   # no schedules: nothing but the requests runs
opts=(--dispatch.data-dir="$WORK/data" --dispatch.templates-dir="$ROOT/templates" --dispatch.jobs-dir="$WORK/jobs"
	--dispatch.secret=$SECRET --server.port=$PORT)
sql() { java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dispatch;AUTO_SERVER=TRUE" -user sa -sql "$1"; }
value() { sql "$1" | awk 'NR == 2 { print $1 }'; }

# N active readers following one topic, stored straight in the database (importing a CSV of
# 100,000 takes longer than the benchmark); kept in data.prepared for REUSE=1.
if [ -z "${REUSE:-}" ] || [ ! -d "$WORK/data.prepared" ]; then
	rm -rf "$WORK/data" "$WORK/data.prepared"
	printf 'topics:\n  - name: "Elections"\n    query: election\n' > "$WORK/topics.yml"
	java -jar "$JAR" "${opts[@]}" topics import "$WORK/topics.yml" > /dev/null
	sql "insert into subscriber (email, frequency, time_zone, send_hour, alerts, status, created_at)
	  select 'reader' || x || '@example.net', 'DAILY', 'UTC', 7, false, 'ACTIVE', current_timestamp
	  from system_range(1, $N);
	  insert into subscription (subscriber_id, topic_id) select s.id, t.id from subscriber s, topic t" > /dev/null
	cp -r "$WORK/data" "$WORK/data.prepared"
else
	rm -rf "$WORK/data"
	cp -r "$WORK/data.prepared" "$WORK/data"
fi

# The links, signed beforehand: unsubscribe for the first U readers (and the next W for a
# warm-up), preferences for the last S (so a save never meets an unsubscribed reader).
sql "select id from subscriber order by id" | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1 }' > "$WORK/ids"
python3 - "$WORK" "$SECRET" "$U" "$S" "$W" <<'PY'
import base64, hashlib, hmac, sys, time
work, secret, u, s, w = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ids = open(work + "/ids").read().split()
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def token(payload):
    return b64(payload.encode()) + "." + b64(hmac.new(secret, payload.encode(), hashlib.sha256).digest())
expires = int(time.time()) + 30 * 86400
with open(work + "/unsubscribe-tokens", "w") as out:
    out.writelines(token(i + ".unsubscribe") + "\n" for i in ids[:u])
with open(work + "/warm-unsubscribe-tokens", "w") as out:
    out.writelines(token(i + ".unsubscribe") + "\n" for i in ids[u:u + w])
with open(work + "/preference-tokens", "w") as out:
    out.writelines(token(i + ".preferences." + str(expires)) + "\n" for i in ids[-s:])
with open(work + "/unsubscribed-ids", "w") as out:
    out.writelines(i + "\n" for i in ids[:u])
with open(work + "/warm-unsubscribed-ids", "w") as out:
    out.writelines(i + "\n" for i in ids[u:u + w])
PY

java ${SERVE_OPTS:-} -jar "$JAR" "${opts[@]}" ${SERVE_ARGS:-} serve > "$WORK/serve.out" 2>&1 & SERVE=$!
trap 'kill $SERVE 2>/dev/null || true; wait $SERVE 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
	curl -sf -o /dev/null "$URL/subscribe" && break
	kill -0 $SERVE 2>/dev/null || { cat "$WORK/serve.out"; exit 1; }
	sleep 1
done
# warm the JIT a little on each page before measuring
wrk -t1 -c4 -d5s "$URL/subscribe" > /dev/null

cpu() { awk '{ print $14 + $15 }' "/proc/$SERVE/stat"; } # user + system, in clock ticks
load() { # NAME LINES METHOD PATH BODY [COOKIE] [DURATION]
	case $1 in
	warm-*) echo "-- $1 (not measured)" ;;
	*) echo "== $1: $(uptime | sed 's/.*load average/load average/')" ;;
	esac
	local before; before=$(cpu)
	WRK_LINES=$2 WRK_METHOD=$3 WRK_PATH=$4 WRK_BODY=$5 WRK_COOKIE=${6:-} WRK_THREADS=$THREADS \
		wrk -t$THREADS -c$C -d${7:-$DURATION} --timeout 10s -s "$ROOT/bench/web-load.lua" "$URL" | tee "$WORK/$1.out" \
		| grep -E 'RESULT|Socket errors|Non-2xx' || true
	# the server's CPU time per request, less moved than requests/s by what else runs (it
	# includes the JIT compiling the code: WARMUP leaves that out)
	local requests; requests=$(grep -o 'requests=[0-9]*' "$WORK/$1.out" | cut -d= -f2)
	awk -v ticks=$(($(cpu) - before)) -v hz="$(getconf CLK_TCK)" -v n="${requests:-0}" \
		'BEGIN { printf "CPU of serve: %.1f ms per request\n", (n > 0) ? ticks * 1000 / hz / n : 0 }'
}

warm() { [ "$WARMUP" != "0s" ] && [ "$WARMUP" != "0" ]; }
warm && load warm-unsubscribe "$WORK/warm-unsubscribe-tokens" POST "/unsubscribe?token=" "List-Unsubscribe=One-Click" "" "$WARMUP"
load unsubscribe "$WORK/unsubscribe-tokens" POST "/unsubscribe?token=" "List-Unsubscribe=One-Click" ""
yes '' | head -1000000 > "$WORK/signup-lines" || true
warm && load warm-signup-page "$WORK/signup-lines" GET "/subscribe" "" "" "$WARMUP"
load signup-page "$WORK/signup-lines" GET "/subscribe" ""

# the preferences form's CSRF cookie and field, taken from one page (the cookie is signed,
# the field masks the same token: one pair serves every save)
first=$(head -1 "$WORK/preference-tokens")
page=$(curl -s -c "$WORK/cookies" "$URL/preferences?token=$first")
csrf=$(printf '%s' "$page" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
cookie=$(awk '$6 == "DISPATCH-CSRF" { print $6 "=" $7 }' "$WORK/cookies")
[ -n "$csrf" ] && [ -n "$cookie" ] || { echo "no CSRF field or cookie on the preferences page"; exit 1; }
# the warm-up saves what the readers have (daily), so that only the measured saves show
warm && load warm-preference-save "$WORK/preference-tokens" POST "/preferences?token=" \
	"_csrf=$csrf&topics=Elections&frequency=DAILY&sendHour=7&timeZone=UTC" "$cookie" "$WARMUP"
load preference-save "$WORK/preference-tokens" POST "/preferences?token=" \
	"_csrf=$csrf&topics=Elections&frequency=WEEKLY&sendHour=8&timeZone=UTC" "$cookie"

# every answered unsubscribe recorded, once (a link is posted once; those still in flight
# when wrk stopped may or may not have been), nobody else; every answered save kept
kill $SERVE; wait $SERVE 2>/dev/null || true
field() { grep -o "$2=[0-9]*" "$WORK/$1.out" | cut -d= -f2; }
sent=$(field unsubscribe sent); answered=$(field unsubscribe answered)
first_id=$(head -1 "$WORK/unsubscribed-ids"); last_id=$(tail -1 "$WORK/unsubscribed-ids")
unsubscribed=$(value "select count(*) from subscriber where status = 'UNSUBSCRIBED'")
inside=$(value "select count(*) from subscriber where status = 'UNSUBSCRIBED' and id between $first_id and $last_id")
warm_sent=0 warm_inside=0
if warm; then
	warm_sent=$(field warm-unsubscribe sent)
	warm_inside=$(value "select count(*) from subscriber where status = 'UNSUBSCRIBED' and id between $(head -1 "$WORK/warm-unsubscribed-ids") and $(tail -1 "$WORK/warm-unsubscribed-ids")")
fi
weekly=$(value "select count(*) from subscriber where frequency = 'WEEKLY'")
saves=$(field preference-save answered); saves_sent=$(field preference-save sent)
echo "unsubscribe links sent: $sent, answered: $answered; readers unsubscribed: $unsubscribed ($inside among the links', $warm_inside among the $warm_sent of the warm-up)"
echo "preference saves sent: $saves_sent, answered: $saves; readers now weekly: $weekly"
if [ "$sent" -le "$U" ] && [ "$inside" -ge "$answered" ] && [ "$inside" -le "$sent" ] \
	&& [ "$warm_inside" -le "$warm_sent" ] && [ $((inside + warm_inside)) = "$unsubscribed" ] \
	&& [ "$weekly" -ge "$saves" ] && [ "$weekly" -le "$saves_sent" ]; then
	echo "CHECK ok: every unsubscribe recorded once, every save kept"
else
	echo "CHECK FAILED"; exit 1
fi
