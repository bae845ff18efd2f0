package dev.lineup.web.boundary;

import dev.lineup.access.boundary.ApiTokensResource;
import dev.lineup.access.control.ApiTokens;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The access page ({@code /access}): the admin's password (posted as JSON to {@code
 * /api/session/password}) and the API tokens, made and revoked through {@code /api/tokens}. {@code
 * /access/tokens} is the token list fragment.
 */
@WebServlet(urlPatterns = {"/access", "/access/*"})
public class AccessPage extends HttpServlet {
  @Inject ApiTokens tokens;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute(
        "tokens",
        tokens.all().stream()
            .map(
                token -> {
                  var view = ApiTokensResource.view(token);
                  view.put("lastUsed", PageRenderer.ago(token.lastUsedAt()));
                  view.put("created", PageRenderer.ago(token.createdAt()));
                  return view;
                })
            .toList());
    boolean fragment =
        PageRenderer.path(request).equals("/tokens") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "access/tokens" : "access/page", "access");
  }
}
