# Shared by the benchmark scripts (source it: . "$ROOT/bench/lib.sh").

# start_workers COUNT LOG_PREFIX ARGS...: starts COUNT `dispatch worker` processes of $JAR with
# ARGS, each writing to LOG_PREFIX-I.out, one at a time (H2 files in mixed mode refuse processes
# that open them at the same moment), and waits until each waits for send partitions. Their pids
# go to the array PIDS; a worker that dies first has its log printed and the script exits.
start_workers() {
	local count=$1 log=$2 i
	shift 2
	PIDS=()
	for i in $(seq 1 "$count"); do
		java -jar "$JAR" worker "$@" > "$log-$i.out" 2>&1 & PIDS+=($!)
		until grep -q 'waiting for send partitions' "$log-$i.out"; do
			if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then cat "$log-$i.out"; exit 1; fi
			sleep 1
		done
	done
}
