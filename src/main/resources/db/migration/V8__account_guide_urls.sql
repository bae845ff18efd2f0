-- Where an account's guide (XMLTV) comes from, when not from the Xtream panel's xmltv.php:
-- epg_url is set by the user (any account; it wins), provider_epg_url is the x-tvg-url / url-tvg an
-- M3U playlist names in its header, kept by each sync.
ALTER TABLE accounts
  ADD COLUMN epg_url          VARCHAR(2048) NULL AFTER sync_interval_hours,
  ADD COLUMN provider_epg_url VARCHAR(2048) NULL AFTER epg_url;
