<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:choose>
  <c:when test="${empty tokens}">
    <div class="empty"><strong>No API tokens</strong>Scripts need one to use the API; the web UI does not.</div>
  </c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Name</th><th>Token</th><th>Created</th><th>Last used</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="t" items="${tokens}">
        <tr>
          <td><c:out value="${t.name}"/></td>
          <td class="secret">lu_<c:out value="${t.hint}"/></td>
          <td><c:out value="${t.created}"/></td>
          <td><c:out value="${empty t.lastUsed ? 'never' : t.lastUsed}"/></td>
          <td><button class="danger" hx-delete="/api/tokens/${t.id}" hx-swap="none" data-refresh="#token-list"
                      hx-confirm="Revoke the token “${fn:escapeXml(t.name)}”? Scripts using it stop working at once.">Revoke</button></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
