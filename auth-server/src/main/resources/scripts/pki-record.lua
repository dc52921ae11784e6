-- Records an issued certificate and adds its serial to the device's set.
-- KEYS[1] cert:<serial>, KEYS[2] device-certs:<device>
-- ARGV[1] record JSON, ARGV[2] expire-at (ms since the epoch), ARGV[3] serial (hex)
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
-- the set lives as long as its longest-lived certificate
local ttl = redis.call('PTTL', KEYS[2])
local wanted = tonumber(ARGV[2]) - tonumber(redis.call('TIME')[1]) * 1000
if ttl < 0 or ttl < wanted then
  redis.call('PEXPIREAT', KEYS[2], ARGV[2])
end
return 1
