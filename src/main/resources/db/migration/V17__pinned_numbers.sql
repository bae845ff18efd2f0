-- Channel identity, part 3 (issue 18): numbers that never move. A playlist config with numbering 'pinned' gives each
-- channel a number the first time the channel appears in it; the number stays through syncs, renames, provider
-- reorders and channels coming and going (an inactive channel keeps its number until it is purged). A person may set
-- a channel's number (by_person). Two channels never share a number in one playlist.
CREATE TABLE playlist_numbers (
  playlist_id BIGINT      NOT NULL,
  channel_id  BIGINT      NOT NULL,
  number      INT         NOT NULL,
  by_person   BOOLEAN     NOT NULL DEFAULT FALSE,
  assigned_at DATETIME(3) NOT NULL,
  PRIMARY KEY (playlist_id, channel_id),
  CONSTRAINT uq_playlist_numbers_number UNIQUE (playlist_id, number),
  CONSTRAINT fk_playlist_numbers_playlist FOREIGN KEY (playlist_id) REFERENCES playlist_configs (id) ON DELETE CASCADE,
  CONSTRAINT fk_playlist_numbers_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE playlist_configs
  DROP CONSTRAINT ck_playlist_configs_numbering,
  ADD CONSTRAINT ck_playlist_configs_numbering CHECK (numbering IN ('provider', 'sequential', 'group', 'none', 'pinned'));
