-- An account's URLs are stored encrypted like its password (issue 14): an M3U playlist URL and a guide URL often
-- carry the provider's credentials. Encrypted ("enc:v1:" + base64url of IV, ciphertext and tag), a 2048-character
-- URL of 3-byte characters needs about 8,250 characters, and a 1024-character password about 4,150: the columns
-- become TEXT (kept out of the row, no row-size limit). The application encrypts the values stored before at start.
ALTER TABLE accounts
  MODIFY server_url       TEXT NOT NULL,
  MODIFY password         TEXT NULL,
  MODIFY epg_url          TEXT NULL,
  MODIFY provider_epg_url TEXT NULL;
