-- Records an issued certificate and adds its serial to the device's set, unless the device
-- was retired meanwhile: retiring writes the standing first and then revokes every serial in
-- the set, so a certificate is either refused here or in the set the retirement revokes.
-- KEYS[1] cert:<serial>, KEYS[2] device-certs:<device>, KEYS[3] the device's standing
-- ARGV[1] record JSON, ARGV[2] expire-at (ms since the epoch), ARGV[3] serial (hex)
-- Returns 1 when recorded, 0 when the device is retired or unknown.
local standing = redis.call('GET', KEYS[3])
if not standing or cjson.decode(standing)['status'] == 'retired' then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
-- the set lives as long as its longest-lived certificate
local ttl = redis.call('PTTL', KEYS[2])
local wanted = tonumber(ARGV[2]) - tonumber(redis.call('TIME')[1]) * 1000
if ttl < 0 or ttl < wanted then
  redis.call('PEXPIREAT', KEYS[2], ARGV[2])
end
return 1
