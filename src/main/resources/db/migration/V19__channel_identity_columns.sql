-- Channel identity, part 3 (issue 18): what outputs read of a channel's identity is kept on the channel itself.
--
-- Playlists, the Xtream API and guides read every channel of a lineup; joining channel_guides and channel_merges
-- for each cost about a tenth of a 100,000-channel download. The guide a channel is shown with and its merge key
-- are therefore copied onto channels, by the one statement in IdentityColumns that every writer of channel_guides
-- and channel_merges runs after its own (channel_guides and channel_merges stay the truth; no trigger, so the schema
-- needs no privilege beyond the tables').
ALTER TABLE channels
  ADD COLUMN guide_mapped     BOOLEAN      NOT NULL DEFAULT FALSE
    COMMENT 'outputs use guide/guide_channel_id, not the provider''s epg_channel_id (a person''s "no guide" too)',
  ADD COLUMN guide            VARCHAR(64)  COLLATE utf8mb4_bin NULL COMMENT 'account:{id} or source:{id}',
  ADD COLUMN guide_channel_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
  ADD COLUMN merge_key        VARCHAR(300) COLLATE utf8mb4_bin NULL COMMENT 'the merged channel it is a source of; NULL: alone',
  ADD COLUMN merge_position   INT          NULL COMMENT 'a person''s place for it among the sources',
  ADD INDEX ix_channels_merge (merge_key, merge_position, account_id, id);

UPDATE channels c
  LEFT JOIN channel_guides mg ON mg.channel_id = c.id
  LEFT JOIN channel_merges cm ON cm.channel_id = c.id
SET c.guide_mapped = (mg.channel_id IS NOT NULL AND (mg.status IN ('auto', 'manual') OR mg.by_person)),
    c.guide = IF(mg.status IN ('auto', 'manual') OR mg.by_person, mg.guide, NULL),
    c.guide_channel_id = IF(mg.status IN ('auto', 'manual') OR mg.by_person, mg.guide_channel_id, NULL),
    c.merge_key = COALESCE(cm.merge_key, CASE
      WHEN mg.status IN ('auto', 'manual') AND mg.guide_channel_id IS NOT NULL THEN CONCAT('g:', mg.guide_channel_id)
      WHEN mg.name_key IS NOT NULL THEN CONCAT('n:', mg.name_key) END),
    c.merge_position = cm.position
WHERE mg.channel_id IS NOT NULL OR cm.channel_id IS NOT NULL;
