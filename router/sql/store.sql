-- The router's own state, shared by every router instance (applied by `npm run db:migrate`, idempotent):
-- rate-limit counters (rate-limiter-flexible's RateLimiterPostgres layout) and idempotent mutations.
CREATE TABLE IF NOT EXISTS rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX IF NOT EXISTS rate_limits_expire ON rate_limits (expire);

-- One row per caller and Idempotency-Key: the request's hash, and once it ran, the response to replay.
CREATE TABLE IF NOT EXISTS idempotent_requests (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'done')),
  started_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  status integer,
  headers jsonb,
  body text
);
CREATE INDEX IF NOT EXISTS idempotent_requests_expires ON idempotent_requests (expires_at);

-- Cost throttling of API keys (a leaky bucket, as Shopify's): what each key has left, as of updated_at.
-- The bucket refills at a constant rate up to its size; a request takes its query cost from it.
CREATE TABLE IF NOT EXISTS cost_buckets (
  key varchar(255) PRIMARY KEY,
  available double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
