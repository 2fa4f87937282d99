-- wrk script: POST /api/v1/incidents with a unique external id on every request.
--
-- Environment (set by bench/run.sh):
--   BENCH_TOKEN    API token (Bearer) with a high rate limit; a comma-separated list spreads the
--                  requests over several tokens, round robin (an experiment: one bucket per token)
--   BENCH_TEAM_ID  team the incidents are opened for
--   BENCH_RUN_ID   unique per wrk invocation, so that no two runs share an external id
--
-- External id = bench-<run id>-<thread number>-<per-thread counter>: unique across threads and
-- runs, so every request creates a new incident (201), never repeats one (200).
-- done() prints one machine-readable line, "BENCH_RESULT key=value ...", that run.sh parses.

local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set"), "[^,]+") do
   table.insert(tokens, token)
end
local team_id = tonumber(os.getenv("BENCH_TEAM_ID") or error("BENCH_TEAM_ID is not set"))
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_no", #threads)
end

function init(args)
   counter = 0
   non2xx = 0
   first_error = ""
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. tokens[1]
end

function request()
   counter = counter + 1
   if #tokens > 1 then
      wrk.headers["Authorization"] = "Bearer " .. tokens[(counter + thread_no) % #tokens + 1]
   end
   local body = string.format(
      '{"team_id":%d,"title":"bench incident %d-%d","severity":2,"external_id":"bench-%s-%d-%d"}',
      team_id, thread_no, counter, run_id, thread_no, counter)
   return wrk.format(nil, "/api/v1/incidents", nil, body)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_error == "" then
         first_error = status .. " " .. string.sub(body or "", 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
      local first = thread:get("first_error")
      if first and first ~= "" then
         io.stderr:write("first non-2xx answer (thread " .. thread:get("thread_no") .. "): " .. first .. "\n")
      end
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "BENCH_RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
         .. " non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, bad, e.connect, e.read, e.write, e.timeout))
end
