<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Access">
  <h1>Access</h1>
  <p class="muted small">Signed in as <strong><c:out value="${pageContext.request.userPrincipal.name}"/></strong>.
    Players never sign in: each playlist has its own secret URL (Playlists page).</p>

  <h2>API tokens</h2>
  <p class="muted small">For scripts: send <code>Authorization: Bearer &lt;token&gt;</code> to any <code>/api</code> URL.
    A token is shown once, when it is made; revoke it when a script no longer needs it.</p>
  <form class="grid panel" hx-post="/api/tokens" hx-swap="none" data-refresh="#token-list" data-reset
        data-secret="#new-token">
    <lu:field label="Name" name="name" maxlength="100" placeholder="backup script" autocomplete="off"/>
    <div><button class="primary" type="submit">Create token</button></div>
  </form>
  <div id="new-token" class="new-secret" aria-live="polite"></div>
  <div id="token-list" hx-get="/access/tokens" hx-trigger="refresh"><jsp:include page="tokens.jsp"/></div>

  <h2>Password</h2>
  <form class="grid panel" hx-post="/api/session/password" hx-swap="none" data-reset
        data-notice="Password changed: every other browser is signed out">
    <lu:field label="Current password" name="current_password" type="password" autocomplete="current-password" data-empty="keep"/>
    <lu:field label="New password (10 characters or more)" name="new_password" type="password" autocomplete="new-password" data-empty="keep"/>
    <lu:field label="New password again" name="confirmation" type="password" autocomplete="new-password" data-empty="keep"/>
    <div><button class="primary" type="submit">Change password</button></div>
  </form>
</l:page>
