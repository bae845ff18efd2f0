-- Playlists for players (issue 6): saved selections of channels across accounts, each served under its own secret
-- token. Account and tag lists are stored as comma-separated ids and normalised tag names (small, read whole).
CREATE TABLE playlist_configs (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  name             VARCHAR(100)  NOT NULL,
  description      VARCHAR(1000) NULL,
  include_accounts VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'account ids; empty = every enabled account',
  exclude_accounts VARCHAR(2000) NOT NULL DEFAULT '',
  include_tags     VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'normalised tag names; empty = every channel',
  exclude_tags     VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'a channel with any of these is left out',
  tag_match        VARCHAR(3)    NOT NULL DEFAULT 'any',
  apply_filters    BOOLEAN       NOT NULL DEFAULT TRUE,
  numbering        VARCHAR(16)   NOT NULL DEFAULT 'provider' COMMENT 'provider | sequential | none',
  start_number     INT           NOT NULL DEFAULT 1,
  group_by         VARCHAR(16)   NOT NULL DEFAULT 'category' COMMENT 'category | first_tag | account',
  account_suffix   BOOLEAN       NOT NULL DEFAULT TRUE COMMENT 'multi-account: " (Account)" after the group',
  enabled          BOOLEAN       NOT NULL DEFAULT TRUE,
  token            VARCHAR(64)   NOT NULL COMMENT 'the secret in /p/{token}/playlist.m3u; rotated on request',
  created_at       DATETIME      NOT NULL,
  updated_at       DATETIME      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_playlist_configs_name UNIQUE (name),
  CONSTRAINT uq_playlist_configs_token UNIQUE (token),
  CONSTRAINT ck_playlist_configs_match CHECK (tag_match IN ('any', 'all')),
  CONSTRAINT ck_playlist_configs_numbering CHECK (numbering IN ('provider', 'sequential', 'none')),
  CONSTRAINT ck_playlist_configs_group CHECK (group_by IN ('category', 'first_tag', 'account'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
