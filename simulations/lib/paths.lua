-- wrk script: GET the paths listed in a file (one a line, given after "--"), in turn, each thread
-- starting at its own place. The requests are formatted once, in init, so the script costs wrk
-- little per request.
--   wrk -s simulations/lib/paths.lua URL -- PATHS_FILE
local requests = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then requests[#requests + 1] = wrk.format("GET", line) end
  end
  assert(#requests > 0, "no paths in " .. args[1])
  -- Each thread has its own Lua state: seed from the address of a fresh table, which differs.
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
  i = math.random(#requests)
end

function request()
  i = i % #requests + 1
  return requests[i]
end
