-- Provider identifiers are compared byte for byte (issue 14). Under the tables' case-insensitive collation,
-- 'itv4.uk' and 'ITV4.uk' were one guide channel id (a playlist's guide lost one of them), the M3U groups 'News'
-- and 'NEWS' one category, and two stream ids differing in case one channel. Names keep the case-insensitive
-- collation: they are sorted and searched the way people read them.
ALTER TABLE categories
  MODIFY category_id VARCHAR(191) NOT NULL COLLATE utf8mb4_bin
    COMMENT 'the provider''s id (Xtream category_id, or the M3U group title), compared exactly';

ALTER TABLE channels
  MODIFY stream_id      VARCHAR(191) NOT NULL COLLATE utf8mb4_bin
    COMMENT 'the provider''s id (Xtream stream_id, or the M3U key, see docs/sync.md), compared exactly',
  MODIFY category_id    VARCHAR(191) NULL COLLATE utf8mb4_bin,
  MODIFY epg_channel_id VARCHAR(255) NULL COLLATE utf8mb4_bin COMMENT 'the guide channel id (tvg-id), compared exactly';
