-- Replaces a client record and its standing if nobody changed the record since it was read
-- (compare-and-set on "version").
-- KEYS[1] record, KEYS[2] standing; ARGV[1] expected version, ARGV[2] new record JSON,
-- ARGV[3] registry change channel, ARGV[4] client id, ARGV[5] standing JSON, ARGV[6] guard invalidation channel
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
local standing = redis.call('GET', KEYS[2])
redis.call('SET', KEYS[2], ARGV[5])
redis.call('PUBLISH', ARGV[3], ARGV[4])
if standing ~= ARGV[5] then
  redis.call('PUBLISH', ARGV[6], KEYS[2])
end
return 1
