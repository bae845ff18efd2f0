package dev.lineup.backup.control;

import dev.lineup.platform.JsonBody;
import dev.lineup.playlist.boundary.PlaylistConfigRequest;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.xtream.boundary.XtreamUsersResource;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The restore of what players use (part of {@link SetupRestore}'s transaction): playlists, with
 * their accounts by name and their tokens (so player URLs keep working), and Xtream users, with
 * their playlist by name and their password hashes (so players keep signing in).
 */
final class PlayerRestore {
  private PlayerRestore() {}

  static Map<String, Long> playlists(
      EntityManager em,
      List<JsonObject> files,
      Map<String, Long> accountIds,
      RestoreReport.Builder report) {
    List<PlaylistConfig> all =
        em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList();
    ByName<PlaylistConfig> stored = new ByName<>(all, PlaylistConfig::name);
    Map<Long, String> accountNames = new HashMap<>();
    accountIds.forEach((name, id) -> accountNames.put(id, name));
    Map<String, Long> ids = new java.util.TreeMap<>(ByName.collator());
    java.util.Set<String> tokens = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (JsonObject file : files) {
      String name = BackupFile.name(file, "name", "playlists");
      String place = "playlists[" + name + "]";
      PlaylistConfig existing = stored.take(name);
      JsonObject before = existing == null ? null : SetupExport.playlist(existing, accountNames);
      JsonObjectBuilder body = Json.createObjectBuilder(file).remove("token");
      for (String list : List.of("include_accounts", "exclude_accounts")) {
        JsonArrayBuilder resolved = Json.createArrayBuilder();
        for (String account : BackupFile.names(file, list, place)) {
          Long id = accountIds.get(account);
          if (id == null) {
            throw BackupProblems.invalid(
                place + "." + list,
                "no account is named \"" + account + "\", in the file or in Lineup");
          }
          resolved.add(id);
        }
        body.add(list, resolved);
      }
      JsonObject json = body.build();
      PlaylistConfig.PlaylistSettings wanted =
          BackupProblems.reading(place, () -> PlaylistConfigRequest.read(JsonBody.of(json), em));
      PlaylistConfig.requireUniqueName(em, wanted.name(), existing == null ? -1 : existing.id());
      PlaylistConfig playlist = existing == null ? new PlaylistConfig() : existing;
      playlist.apply(wanted);
      if (file.get("token") instanceof JsonString token) {
        restoreToken(playlist, token.getString(), all, place);
        if (!tokens.add(token.getString())) {
          throw BackupProblems.invalid(place + ".token", "is another playlist's in the file too");
        }
      }
      if (existing == null) {
        em.persist(playlist);
      }
      em.flush();
      ids.put(name, playlist.id());
      report.add(
          "playlist",
          name,
          RestoreReport.action(before, SetupExport.playlist(playlist, accountNames)));
    }
    for (PlaylistConfig left : stored.rest()) {
      ids.put(left.name(), left.id());
      report.add("playlist", left.name(), "left_alone");
    }
    return ids;
  }

  private static void restoreToken(
      PlaylistConfig playlist, String token, List<PlaylistConfig> all, String place) {
    for (PlaylistConfig other : all) {
      if (other != playlist && other.token().equalsIgnoreCase(token)) {
        throw BackupProblems.invalid(
            place + ".token", "is the token of the playlist \"" + other.name() + "\" already");
      }
    }
    try {
      playlist.restoreToken(token);
    } catch (IllegalArgumentException e) {
      throw BackupProblems.invalid(place + ".token", e.getMessage());
    }
  }

  static void users(
      EntityManager em,
      List<JsonObject> files,
      Map<String, Long> playlistIds,
      RestoreReport.Builder report) {
    Map<Long, String> playlistNames = new HashMap<>();
    playlistIds.forEach((name, id) -> playlistNames.put(id, name));
    ByName<XtreamUser> stored = new ByName<>(XtreamUser.all(em), XtreamUser::username);
    for (JsonObject file : files) {
      String name = BackupFile.name(file, "username", "xtream_users");
      String place = "xtream_users[" + name + "]";
      XtreamUser existing = stored.take(name);
      if (existing != null && !existing.username().equals(name)) {
        throw BackupProblems.invalid(
            place + ".username",
            "clashes with the user " + existing.username() + " (usernames ignore case)");
      }
      JsonObject before = existing == null ? null : SetupExport.xtreamUser(existing, playlistNames);
      String playlist = BackupFile.name(file, "playlist", place);
      Long playlistId = playlistIds.get(playlist);
      if (playlistId == null) {
        throw BackupProblems.invalid(
            place + ".playlist",
            "no playlist is named \"" + playlist + "\", in the file or in Lineup");
      }
      JsonObject json =
          Json.createObjectBuilder(file)
              .remove("password_hash")
              .remove("playlist")
              .add("playlist_id", playlistId)
              .build();
      XtreamUsersResource.Input in =
          BackupProblems.reading(place, () -> XtreamUsersResource.read(JsonBody.of(json), em));
      String hash = file.get("password_hash") instanceof JsonString h ? h.getString() : null;
      XtreamUser user;
      try {
        if (existing == null) {
          user = XtreamUser.restored(name, hash);
        } else {
          user = existing;
          user.restoreHash(hash);
        }
      } catch (IllegalArgumentException e) {
        throw BackupProblems.invalid(place + ".password_hash", e.getMessage());
      }
      in.applyTo(user);
      if (existing == null) {
        em.persist(user);
      }
      em.flush();
      report.add(
          "xtream_user",
          name,
          RestoreReport.action(before, SetupExport.xtreamUser(user, playlistNames)));
    }
    for (XtreamUser left : stored.rest()) {
      report.add("xtream_user", left.username(), "left_alone");
    }
  }
}
