-- Channel preview (issue 5): one ordering index and a full-text search table. See docs/adr/0003-channel-search.md.

-- Every index on channels is paid for by every sync write. (account_id, is_active) is a prefix of V5's
-- ix_channels_account_active_passes, which the sync's diff and the per-account counts read instead.
ALTER TABLE channels
  DROP INDEX ix_channels_account_active,
  ADD INDEX ix_channels_name_order (name, id, account_id, is_active, passes_filters)
    COMMENT 'preview pages in (name, id) order; account and flags checked inside the index';

-- The words a search looks for, one row per channel: name and cleaned name folded (NFKD, accents and case dropped,
-- punctuation to spaces, cleaned-name words already in the name left out). Derived data, rebuilt from channels
-- by SearchIndex; kept apart from channels so the full-text index costs nothing on the sync's own writes.
CREATE TABLE channel_search (
  channel_id  BIGINT        NOT NULL,
  account_id  BIGINT        NOT NULL,
  search_text VARCHAR(1100) NOT NULL,
  PRIMARY KEY (channel_id),
  INDEX ix_channel_search_account (account_id),
  FULLTEXT INDEX ft_channel_search_text (search_text),
  CONSTRAINT fk_channel_search_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
