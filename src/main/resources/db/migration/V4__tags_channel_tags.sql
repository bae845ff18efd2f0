-- Tags extracted from channels by the rules. Names are normalised (TagName), compared byte for byte.
CREATE TABLE tags (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  name       VARCHAR(100) NOT NULL COLLATE utf8mb4_bin,
  created_at DATETIME     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_tags_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which channel has which tag. account_id is the channel's, kept here for per-account work and counts
-- (no foreign key of its own: the channel's cascade already removes the row, and bulk inserts skip a check).
CREATE TABLE channel_tags (
  channel_id BIGINT      NOT NULL,
  tag_id     BIGINT      NOT NULL,
  account_id BIGINT      NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (channel_id, tag_id),
  INDEX ix_channel_tags_tag_channel (tag_id, channel_id),
  INDEX ix_channel_tags_account_tag (account_id, tag_id),
  CONSTRAINT fk_channel_tags_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_channel_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
