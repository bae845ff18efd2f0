-- Several Lineup servers on one database (issue 21; ADR 15). Everything here is written with plain statements
-- that work on a single MariaDB and on a Galera cluster alike: primary keys everywhere, no GET_LOCK (refused on
-- Galera since MDEV-30473), no LOCK TABLES.

-- What one server holds for a while: an account's sync ('lineup.sync.{account}') or a relay connection slot
-- ('relay.{account}.{n}'). The holder's server renews its leases every few seconds; a lease is dead once expired,
-- or at once when it is bound to a database connection (a sync's) on this database node and that connection is
-- gone. A crashed server's leases are therefore free within the lease time, a sync's at once on one node.
CREATE TABLE leases (
  name          VARCHAR(191)    NOT NULL COLLATE utf8mb4_bin,
  server_id     VARCHAR(64)     NOT NULL COLLATE utf8mb4_bin COMMENT 'the holding server (random per start)',
  holder        VARCHAR(32)     NOT NULL COLLATE utf8mb4_bin COMMENT 'random per taking: renewed, given back by it',
  server_name   VARCHAR(255)    NOT NULL,
  db_node       VARCHAR(255)    NOT NULL COMMENT '@@hostname:@@port of the node the holder is connected to',
  connection_id BIGINT UNSIGNED NULL COMMENT 'the holding connection (CONNECTION_ID()), when bound to one',
  acquired_at   DATETIME(3)     NOT NULL COMMENT 'UTC',
  expires_at    DATETIME(3)     NOT NULL COMMENT 'UTC',
  PRIMARY KEY (name),
  KEY leases_server (server_id),
  UNIQUE KEY leases_holder (holder)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What servers tell each other: a cache to drop (channels changed, a token revoked, a session ended) or a sync's
-- progress. Every server reads the last seconds' rows once a second; rows older than ten
-- minutes are deleted.
CREATE TABLE cluster_events (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  kind       VARCHAR(32)   NOT NULL,
  account_id BIGINT        NULL,
  payload    VARCHAR(1024) NULL,
  origin     VARCHAR(64)   NOT NULL COLLATE utf8mb4_bin COMMENT 'the server that announced it',
  created_at DATETIME(3)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  KEY cluster_events_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Versions of what the player outputs are made of ('channels.{account}', 'channels.all'), counted in the
-- database, so every server gives the same ETag for the same content.
CREATE TABLE change_counters (
  scope      VARCHAR(64) NOT NULL COLLATE utf8mb4_bin,
  version    BIGINT      NOT NULL,
  changed_at DATETIME(3) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (scope)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
