-- Replaces the signing keyring if nobody changed it since it was read (compare-and-set on
-- "version"; version 0 means "there is no keyring yet"), then tells every node.
-- KEYS[1] keyring; ARGV[1] expected version, ARGV[2] new keyring JSON, ARGV[3] change channel,
-- ARGV[4] message (the keyring key)
-- Returns 1 when replaced, 0 on a version conflict.
local current = redis.call('GET', KEYS[1])
local version = 0
if current then
  version = tonumber(cjson.decode(current)['version'])
end
if version ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
