-- GCRA (generic cell rate algorithm) over one or more buckets, decided atomically: a
-- request is allowed only when every bucket allows it, and then charged to all of them.
-- Each bucket key holds its theoretical arrival time in microseconds of Redis server time,
-- so every node agrees on the clock.
-- KEYS[i] bucket i; ARGV[2i-1] its emission interval in microseconds (1e6 / rate),
-- ARGV[2i] its burst.
-- Returns 0 when allowed, else the milliseconds until the request would be.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = 0
local next_tats = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i]))
  if not tat or tat < now then
    tat = now
  end
  local new_tat = tat + interval
  local allow_at = new_tat - burst * interval
  if allow_at > now then
    local ms = math.ceil((allow_at - now) / 1000)
    if ms > wait then
      wait = ms
    end
  end
  next_tats[i] = new_tat
end
if wait > 0 then
  return wait
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], string.format('%.0f', next_tats[i]), 'PX', math.ceil((next_tats[i] - now) / 1000) + 1000)
end
return 0
