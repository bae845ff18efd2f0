-- Playlist configs (issue 6): the order of the channels, and numbering by group (each group starts at the next
-- free hundred, as channel lists on TVs do).
ALTER TABLE playlist_configs
  ADD COLUMN order_by VARCHAR(16) NOT NULL DEFAULT 'name' COMMENT 'name | number | group' AFTER group_by,
  ADD CONSTRAINT ck_playlist_configs_order CHECK (order_by IN ('name', 'number', 'group')),
  DROP CONSTRAINT ck_playlist_configs_numbering,
  ADD CONSTRAINT ck_playlist_configs_numbering CHECK (numbering IN ('provider', 'sequential', 'group', 'none'));
