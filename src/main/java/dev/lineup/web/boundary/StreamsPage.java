package dev.lineup.web.boundary;

import dev.lineup.relay.boundary.StreamsResource;
import dev.lineup.relay.control.Relay;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The streams page ({@code /streams}): what the relay plays now — each stream's channel, source
 * account, viewers and bytes, with a button that stops it — and each account's connection slots.
 * {@code /streams/list} is the fragment the page reloads every few seconds.
 */
@WebServlet(urlPatterns = {"/streams", "/streams/*"})
public class StreamsPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject Relay relay;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute("streams", relay.streams());
    request.setAttribute("slots", StreamsResource.slots(em, relay));
    boolean fragment = PageRenderer.path(request).equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "streams/list" : "streams/page", "streams");
  }
}
