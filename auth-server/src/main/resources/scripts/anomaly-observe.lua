-- One event's effect on a client's baseline, and the anomaly signals it shows
-- (docs/contract-as-built.md "Anomalies"). Idempotent: the first run stores its result under
-- the event's done marker, and a re-delivered event (a claimed pending entry) gets that
-- result back without touching the baseline again. Every key carries the client's hash tag.
--
-- KEYS: 1 baseline hash, 2 recent token times (zset), 3 address runs (list, newest first),
--       4 known addresses (zset address -> last seen), 5 scopes used (set),
--       6 recent refusals (zset), 7 this event's done marker
-- ARGV: 1 event id, 2 type, 3 ts (ms), 4 address, 5 scope, 6 outcome, 7 evidence fingerprint,
--       8 policy fingerprint, 9 reason, 10 error, 11 jti, 12 resource,
--       13 warm-up, 14 rate window ms, 15 rate factor, 16 rate min count, 17 rate z,
--       18 stationary events, 19 max addresses, 20 clone window ms, 21 auth-failure window ms,
--       22 auth-failure threshold, 23 baseline ttl ms, 24 done ttl ms, 25 alpha
local done = redis.call('GET', KEYS[7])
if done then
  return done
end

local base, rate, runs, addrs, scopes, refused = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id, typ, ts, addr = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local warmup, windowMs, factor = tonumber(ARGV[13]), tonumber(ARGV[14]), tonumber(ARGV[15])
local minCount, z, stationary = tonumber(ARGV[16]), tonumber(ARGV[17]), tonumber(ARGV[18])
local maxAddrs, cloneMs, authMs = tonumber(ARGV[19]), tonumber(ARGV[20]), tonumber(ARGV[21])
local authThreshold, baselineTtl, doneTtl, alpha = tonumber(ARGV[22]), ARGV[23], ARGV[24], tonumber(ARGV[25])

local signals = {}
local function signal(kind, score, evidence)
  evidence['event_id'] = id
  signals[#signals + 1] = { kind = kind, score = math.floor(math.min(100, math.max(0, score))), evidence = evidence }
end
local function num(field, default)
  return tonumber(redis.call('HGET', base, field) or default)
end

if typ == 'token.refused' then
  -- only failed client authentication counts; the key lives one window (claimed ids may be
  -- unregistered, so nothing long-lived is written for them)
  if ARGV[10] == 'invalid_client' then
    redis.call('ZADD', refused, ts, id .. '|' .. addr)
    redis.call('ZREMRANGEBYSCORE', refused, '-inf', '(' .. (ts - authMs))
    redis.call('ZREMRANGEBYRANK', refused, 0, -(authThreshold * 20 + 1))
    redis.call('PEXPIRE', refused, authMs * 2)
    local recent = redis.call('ZRANGEBYSCORE', refused, ts - authMs, '+inf')
    if #recent >= authThreshold then
      local seen, addresses = {}, {}
      for _, member in ipairs(recent) do
        local a = string.match(member, '|(.*)$')
        if a ~= '' and not seen[a] and #addresses < 16 then
          seen[a] = true
          addresses[#addresses + 1] = a
        end
      end
      signal('auth_failures', 40 + 5 * (#recent - authThreshold), {
        count = #recent, window_s = authMs / 1000, addresses = addresses })
    end
  end
  redis.call('SET', KEYS[7], cjson.encode(signals), 'PX', doneTtl)
  return cjson.encode(signals)
end

redis.call('HINCRBY', base, 'events', 1)

if typ == 'token.issued' then
  local tokens = redis.call('HINCRBY', base, 'tokens', 1)
  -- token rate: tokens in the last window against the window's expected count under the
  -- baseline (EWMA mean m and variance v of the inter-arrival time, seconds)
  redis.call('ZADD', rate, ts, id)
  redis.call('ZREMRANGEBYSCORE', rate, '-inf', '(' .. (ts - windowMs))
  redis.call('ZREMRANGEBYRANK', rate, 0, -1001)
  local count = redis.call('ZCOUNT', rate, ts - windowMs, '+inf')
  local n, mean, var = num('intervals', 0), num('mean_s', 0), num('var_s2', 0)
  local burst = false
  if n >= warmup and mean > 0 then
    local w = windowMs / 1000
    local expected = w / mean
    local threshold = math.max(minCount, factor * expected, expected + z * math.sqrt(w * var / (mean * mean * mean)))
    if count >= threshold then
      burst = true
      signal('token_rate', 50 + 40 * (1 - threshold / count), {
        count = count, window_s = w, threshold = math.floor(threshold * 100 + 0.5) / 100,
        baseline_interval_s = math.floor(mean * 100 + 0.5) / 100,
        baseline_stddev_s = math.floor(math.sqrt(var) * 100 + 0.5) / 100 })
    end
  end
  local last = num('last_token_ms', -1)
  -- a burst does not teach the baseline that bursts are normal
  if last >= 0 and not burst then
    local x = math.max(0, ts - last) / 1000
    if n == 0 then
      mean, var = x, 0
    else
      local diff = x - mean
      local incr = alpha * diff
      mean = mean + incr
      var = (1 - alpha) * (var + diff * incr)
    end
    redis.call('HSET', base, 'intervals', n + 1, 'mean_s', tostring(mean), 'var_s2', tostring(var))
  end
  redis.call('HSET', base, 'last_token_ms', math.max(last, ts))

  -- scopes never used before (after warm-up): evidence and a little score, not a kind
  local newScopes = {}
  for scope in string.gmatch(ARGV[5], '%S+') do
    if redis.call('SISMEMBER', scopes, scope) == 0 then
      if tokens > warmup + 1 then
        newScopes[#newScopes + 1] = scope
      end
      if redis.call('SCARD', scopes) < 64 then
        redis.call('SADD', scopes, scope)
      end
    end
  end

  if addr ~= '' then
    -- new source: the last N tokens came from one address and this one was never seen
    local streakAddr = redis.call('HGET', base, 'streak_addr')
    local streak = num('streak', 0)
    local known = redis.call('ZSCORE', addrs, addr)
    if streakAddr and streakAddr ~= addr and streak >= stationary and not known then
      signal('new_source', 50, { address = addr, usual_address = streakAddr, streak = streak })
    end
    if streakAddr == addr then
      redis.call('HSET', base, 'streak', streak + 1)
    else
      redis.call('HSET', base, 'streak_addr', addr, 'streak', 1)
    end
    redis.call('ZADD', addrs, ts, addr)
    local size = redis.call('ZCARD', addrs)
    if size > maxAddrs then
      redis.call('ZREMRANGEBYRANK', addrs, 0, size - maxAddrs - 1)
    end

    -- clone: runs of one address, newest first; X..Y..X within the window (the newest run
    -- is another address and an older one in the window is this one) = used from two
    -- places at once
    local list = redis.call('LRANGE', runs, 0, 15)
    if #list > 0 then
      local headTs, headAddr = string.match(list[1], '^(%d+)|(.*)$')
      if headAddr ~= addr and tonumber(headTs) >= ts - cloneMs then
        for i = 2, #list do
          local runTs, runAddr = string.match(list[i], '^(%d+)|(.*)$')
          if tonumber(runTs) < ts - cloneMs then
            break
          end
          if runAddr == addr then
            signal('clone', 90, { addresses = { addr, headAddr },
              other_address_last_seen_ms = tonumber(headTs), this_address_last_seen_ms = tonumber(runTs) })
            break
          end
        end
      end
      if headAddr == addr then
        redis.call('LSET', runs, 0, ts .. '|' .. addr)
      else
        redis.call('LPUSH', runs, ts .. '|' .. addr)
      end
    else
      redis.call('LPUSH', runs, ts .. '|' .. addr)
    end
    redis.call('LTRIM', runs, 0, 15)
  end
  if #newScopes > 0 then
    for _, s in ipairs(signals) do
      s.evidence['new_scopes'] = newScopes
      s.score = math.min(100, s.score + 10)
    end
  end
elseif typ == 'attestation' then
  -- attestation change: evidence differs from the last good one under the same policy, or
  -- the outcome turns contraindicated under the same policy (a rollout changes the policy)
  local outcome, evidence, policy = ARGV[6], ARGV[7], ARGV[8]
  local lastEvidence = redis.call('HGET', base, 'att_evidence')
  local lastPolicy = redis.call('HGET', base, 'att_policy')
  local lastOutcome = redis.call('HGET', base, 'att_outcome')
  local good = outcome == 'affirming' or outcome == 'warning'
  if good and evidence ~= '' then
    if lastEvidence and lastPolicy == policy and lastEvidence ~= evidence then
      signal('attestation_change', 60, { previous_evidence_fingerprint = lastEvidence,
        evidence_fingerprint = evidence, policy_fingerprint = policy, outcome = outcome })
    end
    redis.call('HSET', base, 'att_evidence', evidence, 'att_policy', policy, 'att_outcome', outcome)
  elseif outcome == 'contraindicated' then
    if lastEvidence and lastPolicy == policy and lastOutcome ~= 'contraindicated' then
      signal('attestation_change', 80, { previous_evidence_fingerprint = lastEvidence,
        evidence_fingerprint = evidence, policy_fingerprint = policy, outcome = outcome,
        previous_outcome = lastOutcome })
    end
    redis.call('HSET', base, 'att_outcome', outcome)
  end
elseif typ == 'resource.denied' then
  local reason = ARGV[9]
  if reason == 'revoked' or reason == 'killed' or reason == 'signing_key_revoked' then
    signal('revoked_token_use', 70, { reason = reason, jti = ARGV[11], resource = ARGV[12], address = addr })
  end
end

for i = 1, 5 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], baselineTtl)
  end
end
local result = cjson.encode(signals)
redis.call('SET', KEYS[7], result, 'PX', doneTtl)
return result
