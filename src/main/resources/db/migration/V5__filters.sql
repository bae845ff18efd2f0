-- An account's filters (what users curate; sync never touches them). A channel passes when it passes every
-- enabled filter of its account; the result is stored per channel (passes_filters, recomputed when filters,
-- channels or tags change) so preview, playlists and counts all read the one definition with an indexed WHERE.
CREATE TABLE filters (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  account_id    BIGINT        NOT NULL,
  name          VARCHAR(100)  NOT NULL,
  filter_type   VARCHAR(16)   NOT NULL,
  filter_action VARCHAR(16)   NOT NULL,
  filter_value  VARCHAR(2000) NOT NULL,
  enabled       BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at    DATETIME      NOT NULL,
  updated_at    DATETIME      NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_filters_account (account_id),
  CONSTRAINT ck_filters_type CHECK (filter_type IN ('category', 'channel_name', 'regex', 'tag')),
  CONSTRAINT ck_filters_action CHECK (filter_action IN ('whitelist', 'blacklist')),
  CONSTRAINT fk_filters_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE channels
  ADD COLUMN passes_filters BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'passes every enabled filter of its account',
  ADD INDEX ix_channels_account_active_passes (account_id, is_active, passes_filters);
