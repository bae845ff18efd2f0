-- Channel identity, part 1 (issue 18): every channel finds its guide.
--
-- Extra guide sources: XMLTV guides not tied to an account (epgshare01, a local grabber, ...), fetched, stored and
-- refreshed like an account's guide. The URL may carry credentials: stored encrypted, like the accounts' URLs.
CREATE TABLE guide_sources (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  name          VARCHAR(100)  NOT NULL,
  url           VARCHAR(4096) NOT NULL COMMENT 'encrypted: it may carry credentials',
  priority      INT           NOT NULL DEFAULT 100 COMMENT 'lower first: breaks ties between equal matches',
  refresh_hours INT           NOT NULL DEFAULT 24,
  enabled       BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at    DATETIME      NOT NULL,
  updated_at    DATETIME      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_guide_sources_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which guide channel each channel shows, and who said so. A row per channel the matcher has looked at:
--   auto      the matcher was sure (score at or above the high threshold): outputs use it;
--   review    a proposal between the thresholds, waiting for a person: outputs do not use it yet;
--   manual    a person set or confirmed it: outputs use it, no run changes it;
--   unmatched nothing good enough (or, with by_person, a person said "no guide").
-- channel_fingerprint is the channel's fingerprint when it was matched: a sync that changes the channel changes its
-- fingerprint, and the next run matches it again (unless a person decided). Guide channel ids are compared exactly.
CREATE TABLE channel_guides (
  channel_id          BIGINT       NOT NULL,
  status              VARCHAR(16)  NOT NULL COMMENT 'auto | review | manual | unmatched',
  by_person           BOOLEAN      NOT NULL DEFAULT FALSE COMMENT 'a person decided: no run changes the row',
  guide               VARCHAR(64)  COLLATE utf8mb4_bin NULL COMMENT 'account:{id} or source:{id}',
  guide_channel_id    VARCHAR(255) COLLATE utf8mb4_bin NULL,
  score               DECIMAL(4,3) NULL,
  reason              VARCHAR(255) NULL,
  channel_fingerprint BIGINT       NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  PRIMARY KEY (channel_id),
  INDEX ix_channel_guides_status (status, channel_id),
  CONSTRAINT fk_channel_guides_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
