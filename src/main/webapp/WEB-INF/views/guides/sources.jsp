<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:choose>
  <c:when test="${empty sources}">
    <div class="empty"><strong>No extra guide sources</strong>Accounts' own guides are used. Add an XMLTV URL below when
      some channels have none.</div>
  </c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Name</th><th>URL</th><th>Priority</th><th>Guide</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="s" items="${sources}">
        <tr id="source-${s.id()}">
          <td><c:out value="${s.name()}"/><c:if test="${not s.enabled()}"> <span class="badge off">off</span></c:if></td>
          <td class="secret small"><c:out value="${s.url()}"/></td>
          <td><c:out value="${s.priority()}"/></td>
          <td class="small">
            <c:choose>
              <c:when test="${s.refreshing()}">fetching…</c:when>
              <c:when test="${s.available()}"><c:out value="${s.channels()}"/> channels, <c:out value="${s.programmes()}"/> programmes</c:when>
              <c:otherwise><span class="muted">not fetched yet</span></c:otherwise>
            </c:choose>
            <c:if test="${not empty s.lastError()}"><br><span class="field-error"><c:out value="${s.lastError()}"/></span></c:if>
          </td>
          <td class="actions">
            <button type="button" hx-post="/api/guide-sources/${s.id()}/refresh" hx-swap="none"
                    data-refresh="#source-list" data-notice="Guide fetched">Fetch now</button>
            <button class="danger" type="button" hx-delete="/api/guide-sources/${s.id()}" hx-swap="none"
                    hx-confirm="Delete the guide source “${fn:escapeXml(s.name())}”? Channels matched to it look for another guide."
                    data-refresh="#source-list" data-notice="Guide source deleted">Delete</button>
          </td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
