<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:choose>
  <c:when test="${empty users}">
    <div class="empty"><strong>No Xtream logins</strong>Make one below for each household or device that uses an Xtream Codes player.</div>
  </c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Username</th><th>Playlist</th><th>Status</th><th>Expires</th><th>Connections</th><th>Last used</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="r" items="${users}">
        <tr id="login-${r.user().id()}">
          <td class="secret"><c:out value="${r.user().username()}"/></td>
          <td><c:out value="${r.user().playlistName()}"/></td>
          <td><span class="badge ${r.user().status() == 'Active' ? 'on' : 'off'}"><c:out value="${r.user().status()}"/></span></td>
          <td><c:out value="${empty r.user().expiresAt() ? 'never' : fn:replace(fn:substring(r.user().expiresAt(), 0, 16), 'T', ' ').concat(' UTC')}"/></td>
          <td><c:out value="${r.user().maxConnections()}"/></td>
          <td><c:out value="${empty r.lastUsed() ? 'never' : r.lastUsed()}"/><c:if test="${not empty r.user().lastAddress()}">
            <span class="muted small">from <c:out value="${r.user().lastAddress()}"/></span></c:if></td>
          <td class="actions">
            <button type="button" hx-put="/api/xtream-users/${r.user().id()}" hx-swap="none"
                    data-json='<c:out value="${r.toggle()}"/>'
                    data-refresh="#user-list">${r.user().enabled() ? 'Disable' : 'Enable'}</button>
            <button type="button" hx-post="/api/xtream-users/${r.user().id()}/password" hx-swap="none"
                    hx-confirm="Make a new password for “${fn:escapeXml(r.user().username())}”? Players signed in with the old one stop working."
                    data-secret="#new-login" data-refresh="#user-list">New password</button>
            <button class="danger" type="button" hx-delete="/api/xtream-users/${r.user().id()}" hx-swap="none"
                    hx-confirm="Delete the login “${fn:escapeXml(r.user().username())}”? Players using it stop working at once."
                    data-refresh="#user-list" data-notice="Login deleted">Delete</button>
          </td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
