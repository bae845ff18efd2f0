package dev.lineup.web.boundary;

import dev.lineup.access.boundary.ApiTokensResource;
import dev.lineup.access.control.ApiTokens;
import dev.lineup.web.control.Views;
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
                  view.put("lastUsed", Views.ago(token.lastUsedAt()));
                  view.put("created", Views.ago(token.createdAt()));
                  return view;
                })
            .toList());
    boolean fragment = Views.path(request).equals("/tokens") || Views.fragment(request);
    Views.render(request, response, fragment ? "access/tokens" : "access/page", "access");
  }
}
