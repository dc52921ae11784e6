-- Deletes an enrollment group atomically. Its id stays in the ids-ever-used set, so it is never
-- reused (devices remember their group by id); its CA becomes free for a new group.
-- KEYS[1] record, KEYS[2] listing index, KEYS[3] CA key index, KEYS[4] CA name index
-- ARGV[1] group id
-- Returns 1 when deleted, 0 when there was no such group.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('DEL', KEYS[3])
end
redis.call('SREM', KEYS[4], ARGV[1])
return 1
