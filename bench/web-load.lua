-- wrk script for bench/web-load.sh. Each thread takes every T-th line of the file given in
-- WRK_LINES (T threads) and sends one request per line, in order, so each line is used
-- once while there are lines enough for the run (after its last line it repeats it).
--   WRK_METHOD  GET or POST
--   WRK_PATH    the path before the line's token, e.g. /unsubscribe?token=
--   WRK_BODY    the POST body (a one-click unsubscribe or the preferences form)
--   WRK_THREADS the threads wrk runs (-t)
--   WRK_COOKIE  a Cookie header to send (the CSRF cookie for the preferences form)
local threads = {}
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("index", counter)
	table.insert(threads, thread)
end

lines = {}
next_line = 1
answered = 0
failed = 0

function init(args)
	local total = tonumber(os.getenv("WRK_THREADS"))
	local n = 0
	for line in io.lines(os.getenv("WRK_LINES")) do
		n = n + 1
		if (n - index) % total == 0 then
			table.insert(lines, line)
		end
	end
	wrk.method = os.getenv("WRK_METHOD") or "GET"
	wrk.body = os.getenv("WRK_BODY")
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	local cookie = os.getenv("WRK_COOKIE")
	if cookie and cookie ~= "" then
		wrk.headers["Cookie"] = cookie
	end
end

function request()
	local line = lines[math.min(next_line, #lines)]
	next_line = next_line + 1
	return wrk.format(nil, os.getenv("WRK_PATH") .. line)
end

function response(status, headers, body)
	answered = answered + 1
	if status ~= 200 then
		failed = failed + 1
	end
end

function done(summary, latency, requests)
	local failures, sent, got = 0, 0, 0
	for _, thread in ipairs(threads) do
		failures = failures + thread:get("failed")
		sent = sent + thread:get("next_line") - 1
		got = got + thread:get("answered")
	end
	local seconds = summary.duration / 1e6
	io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.1f p99_ms=%.1f non200=%d errors=%d sent=%d answered=%d\n",
		summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
		latency:percentile(99) / 1000, failures,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, sent, got))
end
