package dev.lineup.xtream.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.control.PlaylistDeleting;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Keeps a playlist config that Xtream users sign in to from being deleted under them. */
@ApplicationScoped
public class PlaylistUsers {
  @PersistenceContext EntityManager em;

  void refuseWhileUsed(@Observes PlaylistDeleting deleting) {
    long users = XtreamUser.countByPlaylist(em, deleting.playlistId());
    if (users > 0) {
      throw ProblemException.conflict(
          "Playlist '"
              + deleting.name()
              + "' is what "
              + users
              + (users == 1 ? " Xtream user signs" : " Xtream users sign")
              + " in to: move "
              + (users == 1 ? "it" : "them")
              + " to another playlist (PUT /api/xtream-users/{id}) or delete "
              + (users == 1 ? "it" : "them")
              + " first.");
    }
  }
}
