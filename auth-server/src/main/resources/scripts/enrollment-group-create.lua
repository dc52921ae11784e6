-- Creates an enrollment group atomically: record, listing index, the ids-ever-used set and the
-- two CA indexes, or nothing.
-- KEYS[1] record, KEYS[2] listing index (sorted by creation sequence), KEYS[3] sequence,
-- KEYS[4] ids ever used, KEYS[5] CA key index (SPKI hash -> group id), KEYS[6] CA name index (set of group ids)
-- ARGV[1] group id, ARGV[2] record JSON
-- Returns the creation sequence, 0 when the id is or was taken, -1 when the CA is another group's.
if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then
  return 0
end
if redis.call('EXISTS', KEYS[5]) == 1 then
  return -1
end
local seq = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('SET', KEYS[5], ARGV[1])
redis.call('SADD', KEYS[6], ARGV[1])
return seq
