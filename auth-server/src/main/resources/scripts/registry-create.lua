-- Registers a client atomically: record, listing index and change notice, or nothing.
-- KEYS[1] record, KEYS[2] listing index (sorted by creation sequence), KEYS[3] sequence
-- ARGV[1] client id, ARGV[2] record JSON, ARGV[3] change channel
-- Returns the creation sequence number, or 0 when the id is taken (also by a retired client).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local seq = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('PUBLISH', ARGV[3], ARGV[1])
return seq
