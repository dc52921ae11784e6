-- Resolves an anomaly: it stops being open (a new detection of its kind opens a new one).
-- 0 = unknown id, 1 = resolved now, 2 = was resolved already. Keys share {anomalies}.
-- KEYS: 1 record; ARGV: 1 now ms, 2 actor, 3 open-key prefix, 4 open-ids prefix
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HGET', KEYS[1], 'status') == 'resolved' then
  return 2
end
local fields = redis.call('HMGET', KEYS[1], 'id', 'device', 'kind')
local openKey = ARGV[3] .. fields[2] .. ':' .. fields[3]
if redis.call('GET', openKey) == fields[1] then
  redis.call('DEL', openKey)
end
redis.call('SREM', ARGV[4] .. fields[2], fields[1])
redis.call('HSET', KEYS[1], 'status', 'resolved', 'resolved_at_ms', ARGV[1], 'resolved_by', ARGV[2])
return 1
