-- Revokes a certificate, atomically: its record says revoked (reason, time), the guards'
-- cert-revoked:<x5t#S256> key exists until the certificate expires, the serial joins the
-- CRL's set, the revocation counter moves (every node's CRL cache is then stale), and the
-- guards hear of the new key.
-- KEYS[1] cert:<serial>, KEYS[2] cert-revoked:<x5t#S256>, KEYS[3] revoked-certs set,
-- KEYS[4] revocation counter
-- ARGV[1] reason name, ARGV[2] revoked_at (s), ARGV[3] guard invalidation channel,
-- ARGV[4] serial (hex), ARGV[5] x5t#S256 the caller read
-- Returns -1 when the certificate is unknown, 0 when it was already revoked, 1 when revoked now.
local current = redis.call('GET', KEYS[1])
if not current then
  return -1
end
local record = cjson.decode(current)
if record['status'] == 'revoked' then
  return 0
end
if record['x5t#S256'] ~= ARGV[5] then
  return -1
end
-- the record expires a day after the certificate; so do the guard key and the CRL entry
local expireAt = redis.call('PEXPIRETIME', KEYS[1])
if expireAt < 0 then
  return -1
end
record['status'] = 'revoked'
record['reason'] = ARGV[1]
record['revoked_at'] = tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
redis.call('SET', KEYS[2], ARGV[1], 'PXAT', expireAt)
redis.call('ZADD', KEYS[3], expireAt, ARGV[4])
redis.call('INCR', KEYS[4])
redis.call('PUBLISH', ARGV[3], KEYS[2])
return 1
