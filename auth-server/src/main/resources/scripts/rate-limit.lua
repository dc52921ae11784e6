-- GCRA (generic cell rate algorithm): one key per bucket holding the theoretical arrival time
-- in microseconds of Redis server time, so every node agrees on the clock.
-- KEYS[1] bucket; ARGV[1] emission interval in microseconds (1e6 / rate); ARGV[2] burst
-- Returns 0 when the request is allowed, else the milliseconds until it would be.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]))
if not tat or tat < now then
  tat = now
end
local new_tat = tat + interval
local allow_at = new_tat - burst * interval
if allow_at > now then
  return math.ceil((allow_at - now) / 1000)
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
return 0
