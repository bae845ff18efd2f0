-- Subscription health and sync history (issue 22).

-- What the provider's login (user_info) said about the subscription at the last sync or connection test. One row
-- per Xtream account that answered; M3U playlists have none. A row is replaced at each check: this is "now",
-- the history lives in sync_runs.
CREATE TABLE account_subscriptions (
  account_id         BIGINT      NOT NULL,
  status             VARCHAR(32) NULL COMMENT 'user_info.status as the provider spelt it (Active, Expired, Disabled, Banned, ...)',
  expires_at         DATETIME    NULL COMMENT 'UTC; NULL when it never expires or the provider sent no usable date',
  expiry_unreadable  BOOLEAN     NOT NULL DEFAULT FALSE COMMENT 'the panel sent an exp_date Lineup could not read',
  max_connections    INT         NULL COMMENT 'user_info.max_connections',
  active_connections INT         NULL COMMENT 'user_info.active_cons when checked',
  trial              BOOLEAN     NULL COMMENT 'user_info.is_trial',
  login_refused      BOOLEAN     NOT NULL DEFAULT FALSE COMMENT 'the provider answered auth:0',
  checked_at         DATETIME(3) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (account_id),
  CONSTRAINT fk_account_subscriptions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The history charts read sync_runs only (never the channels): each run records the account's active channels when
-- it ended, and guide matching records how many of them have a guide on the account's newest run.
ALTER TABLE sync_runs
  ADD COLUMN channels_active INT NULL COMMENT 'active channels of the account when the run ended',
  ADD COLUMN channels_guided INT NULL COMMENT 'of those, channels with a guide (set by guide matching)';
