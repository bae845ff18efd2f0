-- Provider-synced data: categories and channels. Sync never deletes them: what a provider stops sending is
-- deactivated (is_active = FALSE) and comes back with the same id when it reappears.
-- For an active row, last_seen is the account's last successful sync; the column holds the time the row was
-- last written (added, changed, reactivated or deactivated), so an unchanged row costs no write at all.
CREATE TABLE categories (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  account_id    BIGINT       NOT NULL,
  category_id   VARCHAR(191) NOT NULL COMMENT 'the provider''s id (Xtream category_id, or the M3U group title)',
  name          VARCHAR(512) NOT NULL,
  first_seen    DATETIME(3)  NOT NULL,
  last_seen     DATETIME(3)  NOT NULL,
  is_active     BOOLEAN      NOT NULL DEFAULT TRUE,
  PRIMARY KEY (id),
  CONSTRAINT uq_categories_account_category UNIQUE (account_id, category_id),
  CONSTRAINT fk_categories_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE channels (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  account_id          BIGINT        NOT NULL,
  stream_id           VARCHAR(191)  NOT NULL COMMENT 'the provider''s id (Xtream stream_id, or the M3U key, see docs/sync.md)',
  num                 INT           NULL,
  name                VARCHAR(512)  NOT NULL,
  cleaned_name        VARCHAR(512)  NULL,
  category_id         VARCHAR(191)  NULL,
  stream_type         VARCHAR(32)   NULL,
  stream_icon         VARCHAR(2048) NULL,
  epg_channel_id      VARCHAR(255)  NULL,
  added               BIGINT        NULL COMMENT 'provider''s epoch seconds',
  custom_sid          VARCHAR(255)  NULL,
  tv_archive          BOOLEAN       NOT NULL DEFAULT FALSE,
  tv_archive_duration INT           NULL,
  direct_source       VARCHAR(2048) NULL COMMENT 'may hold another provider''s URL with credentials: a secret',
  stream_url          VARCHAR(2048) NULL COMMENT 'M3U accounts: the entry''s URL',
  extras              TEXT          NULL COMMENT 'M3U accounts: other attributes and #EXTVLCOPT lines, JSON',
  fingerprint         BIGINT        NOT NULL COMMENT 'hash of every provider field: a real change changes it',
  first_seen          DATETIME(3)   NOT NULL,
  last_seen           DATETIME(3)   NOT NULL,
  is_active           BOOLEAN       NOT NULL DEFAULT TRUE,
  PRIMARY KEY (id),
  CONSTRAINT uq_channels_account_stream UNIQUE (account_id, stream_id),
  INDEX ix_channels_account_active (account_id, is_active),
  CONSTRAINT fk_channels_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per sync attempt; a bounded history per account is kept (see SYNC_HISTORY_KEEP).
CREATE TABLE sync_runs (
  id                      BIGINT       NOT NULL AUTO_INCREMENT,
  account_id              BIGINT       NOT NULL,
  trigger_type            VARCHAR(16)  NOT NULL COMMENT 'manual | schedule',
  scope                   VARCHAR(16)  NOT NULL DEFAULT 'all' COMMENT 'all | categories | channels',
  forced                  BOOLEAN      NOT NULL DEFAULT FALSE,
  status                  VARCHAR(16)  NOT NULL COMMENT 'running | ok | failed | suspicious | cancelled',
  phase                   VARCHAR(32)  NULL,
  server_name             VARCHAR(255) NULL,
  cancel_requested        BOOLEAN      NOT NULL DEFAULT FALSE,
  started_at              DATETIME(3)  NOT NULL,
  finished_at             DATETIME(3)  NULL,
  duration_ms             BIGINT       NULL,
  categories_fetched      INT          NOT NULL DEFAULT 0,
  categories_added        INT          NOT NULL DEFAULT 0,
  categories_updated      INT          NOT NULL DEFAULT 0,
  categories_reactivated  INT          NOT NULL DEFAULT 0,
  categories_deactivated  INT          NOT NULL DEFAULT 0,
  channels_fetched        INT          NOT NULL DEFAULT 0,
  channels_added          INT          NOT NULL DEFAULT 0,
  channels_updated        INT          NOT NULL DEFAULT 0,
  channels_reactivated    INT          NOT NULL DEFAULT 0,
  channels_deactivated    INT          NOT NULL DEFAULT 0,
  message                 TEXT         NULL COMMENT 'the error, or why the run is suspicious',
  PRIMARY KEY (id),
  INDEX ix_sync_runs_account_started (account_id, started_at),
  INDEX ix_sync_runs_account_status (account_id, status, finished_at),
  CONSTRAINT fk_sync_runs_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
