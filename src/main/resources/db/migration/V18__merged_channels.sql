-- Channel identity, part 2 (issue 18): the same channel from several providers becomes one.
--
-- A channel's merge key says which channels are one: the guide channel it is mapped to (auto or manual), else its
-- country and normalised name as the matcher computed them (name_key, kept with its guide row), else itself. People
-- override it: channel_merges holds their groups (a key of their own, the sources' order) and their splits.
ALTER TABLE channel_guides
  ADD COLUMN name_key VARCHAR(255) COLLATE utf8mb4_bin NULL COMMENT 'country|normalised name, by the matcher'
    AFTER reason;

CREATE TABLE channel_merges (
  channel_id BIGINT       NOT NULL,
  merge_key  VARCHAR(300) COLLATE utf8mb4_bin NOT NULL COMMENT 'p:{first source id} for a group, c:{id} alone',
  position   INT          NOT NULL COMMENT 'the source order within the group, from 1',
  updated_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (channel_id),
  INDEX ix_channel_merges_key (merge_key, position),
  CONSTRAINT fk_channel_merges_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A playlist that lists each merged channel once, with its first active source's stream.
ALTER TABLE playlist_configs
  ADD COLUMN merge_duplicates BOOLEAN NOT NULL DEFAULT FALSE AFTER account_suffix;
