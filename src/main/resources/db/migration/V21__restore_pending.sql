-- What a restore cannot apply yet (issue 20): a person's guide mappings, merged channels and pinned numbers name
-- their channels by account and provider id, and a restore brings no channels. Each waits here, as the backup's
-- JSON object, for the sync that brings its channels; then it is applied, or dropped (with a log line) when the
-- synced lineup does not have them. A handful of rows, read whole.
CREATE TABLE restore_pending (
  id         BIGINT      NOT NULL AUTO_INCREMENT,
  kind       VARCHAR(16) NOT NULL COMMENT 'guide | merge | number',
  item       TEXT        NOT NULL COMMENT 'the backup''s object: accounts, playlists and guides by name',
  created_at DATETIME    NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
