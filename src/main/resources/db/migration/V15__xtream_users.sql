-- Xtream Codes logins (issue 17): players such as TiviMate or IPTV Smarters sign in to Lineup with a username and
-- a password and get one playlist config's channels. The password is kept as Jakarta Security's
-- Pbkdf2PasswordHash (PBKDF2WithHmacSHA512:iterations:salt:hash), never in clear. A username is unique whatever its
-- case (two logins told apart by case alone would confuse people), and matched exactly at sign-in.
-- A playlist config with users cannot be deleted (the API answers 409 first; the key is the last guard).
CREATE TABLE xtream_users (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  username        VARCHAR(64)  NOT NULL,
  password_hash   VARCHAR(512) NOT NULL,
  playlist_id     BIGINT       NOT NULL,
  max_connections INT          NOT NULL DEFAULT 1,
  expires_at      DATETIME     NULL COMMENT 'UTC; null = never',
  enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
  last_used_at    DATETIME     NULL,
  last_address    VARCHAR(64)  NULL COMMENT 'the address of the last player that signed in',
  created_at      DATETIME     NOT NULL,
  updated_at      DATETIME     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_xtream_users_username UNIQUE (username),
  CONSTRAINT fk_xtream_users_playlist FOREIGN KEY (playlist_id) REFERENCES playlist_configs (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The connections a provider allows (its user_info.max_connections, recorded by the connection test): an
-- HDHomeRun tuner built on a playlist offers as many tuners as its accounts allow.
ALTER TABLE accounts
  ADD COLUMN provider_max_connections INT NULL COMMENT 'the provider''s user_info.max_connections, when it said';
