-- wrk script: POST a fresh token per request, taken from the file in env TOKENS (one JSON object per line, as
-- `hubble-kit mint --count N` prints), each wrk thread its own disjoint share, in order. Running out is reported
-- at the end: a token used twice would be a replay, and would not measure the valid path.
-- With env DELAY_MS set, each connection waits that long between requests (the soak's moderate, steady load).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("TOKENS")
  local secret = os.getenv("HUBBLE_SECRET")
  local total = tonumber(os.getenv("WRK_THREADS") or "1")
  bodies = {}
  local n = 0
  for line in io.lines(path) do
    if n % total == index then
      local token = line:match('"token": *"([^"]+)"')
      bodies[#bodies + 1] = '{"token": "' .. token .. '"}'
    end
    n = n + 1
  end
  next_body = 1
  exhausted = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Hubble-Secret"] = secret
end

function request()
  local body = bodies[next_body]
  if body == nil then
    exhausted = exhausted + 1
    body = bodies[1]
  else
    next_body = next_body + 1
  end
  return wrk.format(nil, nil, nil, body)
end

local pause = tonumber(os.getenv("DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

function done(summary, latency, requests)
  local short = 0
  for _, thread in ipairs(threads) do
    short = short + (thread:get("exhausted") or 0)
  end
  io.write(string.format("tokens-exhausted %d\n", short))
end
