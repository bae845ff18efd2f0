-- Server-wide settings the user changes at run time (issue 8): name → value, read through dev.lineup.platform.Settings.
CREATE TABLE settings (
  name       VARCHAR(64)   NOT NULL,
  value      VARCHAR(1000) NOT NULL,
  updated_at DATETIME      NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
