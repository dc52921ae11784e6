-- Replaces a client record if nobody changed it since it was read (compare-and-set on "version").
-- KEYS[1] record; ARGV[1] expected version, ARGV[2] new record JSON, ARGV[3] change channel, ARGV[4] client id
-- Returns 1 on success, 0 on a version conflict, -1 when the record does not exist.
local current = redis.call('GET', KEYS[1])
if not current then
  return -1
end
local decoded = cjson.decode(current)
if tonumber(decoded['version']) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
