-- wrk script of ./bench/run: replays pre-signed raw HTTP requests and counts wrong answers.
-- Arguments (after wrk's --): FILE STATUS MARKER THREADS OFFSET
--   FILE    one raw request per line, CR LF written as TAB (wrk's Lua cannot hold a table constructor of more
--           than 65 536 entries, so the requests come from a file, not from a generated script)
--   STATUS  the expected status; MARKER a text the body must contain ("header:NAME": a response header instead)
--   THREADS wrk's -t (thread i takes lines i, i+THREADS, ...); OFFSET where each thread starts in its share
-- done() prints machine-readable lines "bench.<name> <value>" that the driver reads.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, count = args[1], tonumber(args[4])
  expected_status, expected_marker = tonumber(args[2]), args[3]
  header_marker = expected_marker:match("^header:(.+)$")
  if header_marker then header_marker = header_marker:lower() end
  local all = {}
  for line in io.lines(file) do
    all[#all + 1] = line
  end
  if #all == 0 then error("no requests in " .. file) end
  requests = {}
  for n, line in ipairs(all) do
    -- a file of fewer lines than threads: every thread replays all of them
    if #all < count or (n - 1) % count == id then
      requests[#requests + 1] = (line:gsub("\t", "\r\n"))
    end
  end
  all = nil
  next_index = tonumber(args[5]) % #requests
  wrong, sent = 0, 0
end

function request()
  next_index = next_index + 1
  if next_index > #requests then next_index = 1 end
  sent = sent + 1
  return requests[next_index]
end

function response(status, headers, body)
  local right = status == expected_status
  if right and header_marker then
    right = false
    for name, _ in pairs(headers) do
      if name:lower() == header_marker then right = true end
    end
  elseif right and expected_marker ~= "" then
    right = body ~= nil and body:find(expected_marker, 1, true) ~= nil
  end
  if not right then
    wrong = wrong + 1
    if wrong == 1 then first_wrong = status .. " " .. tostring(body):sub(1, 300):gsub("%s+", " ") end
  end
end

function done(summary, latency, requests)
  local wrong_total, example = 0, nil
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
    example = example or thread:get("first_wrong")
  end
  local errors = summary.errors
  io.write(string.format("bench.requests %d\n", summary.requests))
  io.write(string.format("bench.duration_us %d\n", summary.duration))
  io.write(string.format("bench.wrong %d\n", wrong_total))
  io.write(string.format("bench.socket_errors %d\n", errors.connect + errors.read + errors.write + errors.timeout))
  io.write(string.format("bench.p50_us %d\n", latency:percentile(50)))
  io.write(string.format("bench.p99_us %d\n", latency:percentile(99)))
  if example then io.write("bench.example_wrong " .. example .. "\n") end
end
