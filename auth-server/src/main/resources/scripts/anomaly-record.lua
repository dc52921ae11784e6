-- Records one anomaly signal: a new open anomaly, or, while one of the same kind is open for
-- the client, one more detection of it (count, last time, highest score). Idempotent per
-- (event, kind): the result is kept under a marker, so a re-delivered event changes nothing
-- and gets the same answer ("created|<id>" or "updated|<id>"). Keys share {anomalies}.
--
-- KEYS: 1 marker, 2 open anomaly of (client, kind), 3 sequence, 4 record of the new id,
--       5 index all, 6 index by client, 7 index by kind, 8 index by client and kind,
--       9 open ids of the client
-- ARGV: 1 new id, 2 client, 3 kind, 4 score, 5 evidence JSON, 6 action, 7 now ms,
--       8 marker ttl ms, 9 record key prefix (the id is appended)
local previous = redis.call('GET', KEYS[1])
if previous then
  return previous
end
local result
local open = redis.call('GET', KEYS[2])
if open then
  local record = ARGV[9] .. open
  redis.call('HINCRBY', record, 'count', 1)
  redis.call('HSET', record, 'last_detected_at_ms', ARGV[7])
  if tonumber(redis.call('HGET', record, 'score') or '0') < tonumber(ARGV[4]) then
    redis.call('HSET', record, 'score', ARGV[4])
  end
  result = 'updated|' .. open
else
  local seq = redis.call('INCR', KEYS[3])
  -- built as text: Lua would print a number this large with 14 digits only
  local order = ARGV[7] .. string.format('%03d', seq % 1000)
  redis.call('HSET', KEYS[4], 'id', ARGV[1], 'device', ARGV[2], 'kind', ARGV[3], 'score', ARGV[4],
    'evidence', ARGV[5], 'action', ARGV[6], 'detected_at_ms', ARGV[7], 'last_detected_at_ms', ARGV[7],
    'count', 1, 'status', 'open', 'order', order)
  redis.call('SET', KEYS[2], ARGV[1])
  for i = 5, 8 do
    redis.call('ZADD', KEYS[i], order, ARGV[1])
  end
  redis.call('SADD', KEYS[9], ARGV[1])
  result = 'created|' .. ARGV[1]
end
redis.call('SET', KEYS[1], result, 'PX', ARGV[8])
return result
