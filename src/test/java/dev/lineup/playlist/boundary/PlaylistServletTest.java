package dev.lineup.playlist.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.playlist.control.PlayerAnswers;
import org.junit.jupiter.api.Test;

class PlaylistServletTest {
  @Test
  void aFailingPlayerUrlIsLoggedWithoutItsToken() {
    assertEquals(
        "/p/{token}/playlist.m3u",
        PlaylistServlet.loggable(
            "/p", "/QMzB6ieZsZnTOmx6y0Er1Kldo_piawE3o2nnnTuCoKY/playlist.m3u"));
    assertEquals("/p/{token}/epg.xml", PlaylistServlet.loggable("/p", "/secret-token/epg.xml"));
    assertEquals("/epg/7.xml", PlaylistServlet.loggable("/epg", "/7.xml"));
  }

  @Test
  void gzipIsSentOnlyToClientsThatAcceptIt() {
    assertEquals(true, PlayerAnswers.acceptsGzip("gzip, deflate"));
    assertEquals(false, PlayerAnswers.acceptsGzip("gzip;q=0"));
    assertEquals(false, PlayerAnswers.acceptsGzip(null));
  }
}
