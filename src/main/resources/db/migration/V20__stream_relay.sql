-- The stream relay (issue 19): players get Lineup's stream URLs, never the provider's login.
--
-- A playlist's stream_mode: 'proxy' relays each stream through Lineup (/s/{token}/{channel}.ts), 'redirect' sends the
-- player to the provider's own URL (what every playlist did before). Playlists made before this keep 'redirect', so
-- the players already using them see no change until someone switches; new playlists get 'proxy' (the entity's
-- default).
ALTER TABLE playlist_configs
  ADD COLUMN stream_mode VARCHAR(16) NOT NULL DEFAULT 'redirect' AFTER merge_duplicates;

-- How many streams the relay opens at once on an account: a person's figure, else the provider's
-- (provider_max_connections, from its user_info), else no limit.
ALTER TABLE accounts
  ADD COLUMN max_connections INT NULL AFTER provider_max_connections;
