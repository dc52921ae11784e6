-- Registers a client atomically: record, standing, listing index and change notices, or nothing.
-- KEYS[1] record, KEYS[2] listing index (sorted by creation sequence), KEYS[3] sequence, KEYS[4] standing
-- ARGV[1] client id, ARGV[2] record JSON, ARGV[3] registry change channel, ARGV[4] standing JSON,
-- ARGV[5] guard invalidation channel
-- Returns the creation sequence number, or 0 when the id is taken (also by a retired client).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local seq = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[4], ARGV[4])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('PUBLISH', ARGV[3], ARGV[1])
redis.call('PUBLISH', ARGV[5], KEYS[4])
return seq
