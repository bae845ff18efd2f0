-- Access (issue 8): the one admin who signs in to the web UI and the API, and API tokens for scripts.

-- One row at most (id is always 1): the first-run setup page creates it, and two setups at once cannot
-- both succeed. password_hash is Jakarta Security's Pbkdf2PasswordHash format
-- (PBKDF2WithHmacSHA512:iterations:salt:hash). session_epoch is part of every signed session cookie:
-- raising it (sign out, password change) ends every session at once.
CREATE TABLE admins (
  id            TINYINT      NOT NULL,
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(512) NOT NULL,
  session_epoch INT          NOT NULL DEFAULT 0,
  created_at    DATETIME     NOT NULL,
  updated_at    DATETIME     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_admins_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A token is shown once, when it is created; only its SHA-256 (hex) is kept, looked up by the unique
-- index. hint is the token's last characters, so people can tell their tokens apart.
CREATE TABLE api_tokens (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  name         VARCHAR(100) NOT NULL,
  token_hash   CHAR(64)     NOT NULL,
  hint         VARCHAR(16)  NOT NULL,
  last_used_at DATETIME     NULL,
  created_at   DATETIME     NOT NULL,
  updated_at   DATETIME     NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_api_tokens_hash (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
