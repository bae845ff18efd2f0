-- Accounts: a user's subscriptions with IPTV providers. Everything an account owns (categories,
-- channels, tags, filters, sync runs, ...) references it with ON DELETE CASCADE.
CREATE TABLE accounts (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  name                VARCHAR(100)  NOT NULL,
  provider_type       VARCHAR(16)   NOT NULL DEFAULT 'xtream',
  server_url          VARCHAR(2048) NOT NULL,
  username            VARCHAR(255)  NULL,
  password            VARCHAR(1024) NULL,
  enabled             BOOLEAN       NOT NULL DEFAULT TRUE,
  sync_interval_hours INT           NULL,
  created_at          DATETIME      NOT NULL,
  updated_at          DATETIME      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_accounts_name UNIQUE (name),
  CONSTRAINT ck_accounts_provider_type CHECK (provider_type IN ('xtream', 'm3u')),
  CONSTRAINT ck_accounts_sync_interval CHECK (sync_interval_hours IS NULL OR sync_interval_hours BETWEEN 0 AND 8760)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
