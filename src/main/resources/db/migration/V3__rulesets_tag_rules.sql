-- What users curate (never touched by sync): rulesets of tag rules, and which rulesets an account uses.
CREATE TABLE rulesets (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  name        VARCHAR(100)  NOT NULL,
  description VARCHAR(1000) NULL,
  is_default  BOOLEAN       NOT NULL DEFAULT FALSE COMMENT 'used by accounts that have no ruleset assigned',
  enabled     BOOLEAN       NOT NULL DEFAULT TRUE,
  priority    INT           NOT NULL DEFAULT 100 COMMENT 'order among default rulesets (lower first)',
  created_at  DATETIME      NOT NULL,
  updated_at  DATETIME      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_rulesets_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE tag_rules (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  ruleset_id       BIGINT        NOT NULL,
  name             VARCHAR(100)  NOT NULL,
  pattern          VARCHAR(1000) NOT NULL,
  pattern_type     VARCHAR(16)   NOT NULL,
  tag_name         VARCHAR(100)  NOT NULL COMMENT 'a literal tag, or __LOCATION__, __CALLSIGN__, __CLEANUP__, __CAPTURE__',
  source           VARCHAR(16)   NOT NULL DEFAULT 'both',
  remove_from_name BOOLEAN       NOT NULL DEFAULT TRUE,
  replacement      VARCHAR(255)  NULL COMMENT 'put in place of the matched text instead of deleting it',
  priority         INT           NOT NULL DEFAULT 100 COMMENT 'lower runs first',
  enabled          BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at       DATETIME      NOT NULL,
  updated_at       DATETIME      NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_tag_rules_ruleset_priority (ruleset_id, priority, id),
  CONSTRAINT ck_tag_rules_pattern_type CHECK (pattern_type IN ('prefix', 'suffix', 'contains', 'regex')),
  CONSTRAINT ck_tag_rules_source CHECK (source IN ('channel_name', 'category_name', 'both')),
  CONSTRAINT fk_tag_rules_ruleset FOREIGN KEY (ruleset_id) REFERENCES rulesets (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE account_rulesets (
  account_id BIGINT NOT NULL,
  ruleset_id BIGINT NOT NULL,
  priority   INT    NOT NULL DEFAULT 100 COMMENT 'order among the account''s rulesets (lower first)',
  PRIMARY KEY (account_id, ruleset_id),
  INDEX ix_account_rulesets_ruleset (ruleset_id),
  CONSTRAINT fk_account_rulesets_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_account_rulesets_ruleset FOREIGN KEY (ruleset_id) REFERENCES rulesets (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
