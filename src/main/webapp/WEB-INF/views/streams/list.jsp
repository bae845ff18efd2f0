<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:choose>
  <c:when test="${empty streams}">
    <div class="empty"><strong>Nothing is playing</strong>When a player opens a channel of a playlist whose streams go
      through Lineup, it shows here. Playlists made before the relay send players to the provider: switch their
      “Streams” setting on the <a href="/playlists">Playlists</a> page.</div>
  </c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Channel</th><th>Source</th><th>Viewers</th><th>Relayed</th><th>Since</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="s" items="${streams}">
        <tr id="stream-${s.id()}">
          <td><c:out value="${s.title()}"/></td>
          <td><c:out value="${s.account()}"/><c:if test="${s.failovers() > 0}">
            <span class="badge off" title="sources it switched from">${s.failovers()} failover(s)</span></c:if></td>
          <td><c:out value="${fn:length(s.viewers())}"/><c:forEach var="v" items="${s.viewers()}">
            <span class="muted small"><c:out value="${v.client()}"/></span></c:forEach></td>
          <td><fmt:formatNumber value="${s.bytes() / 1048576}" maxFractionDigits="1"/> MB</td>
          <td class="small"><c:out value="${fn:substring(s.startedAt().toString(), 11, 19)}"/> UTC</td>
          <td class="actions">
            <button class="danger" type="button" hx-delete="/api/streams/${s.id()}" hx-swap="none"
                    hx-confirm="Stop “${fn:escapeXml(s.title())}”? Its ${fn:length(s.viewers())} viewer(s) lose the picture."
                    data-refresh="#stream-list" data-notice="Stream stopped">Stop</button>
          </td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
<h2>Connections per account</h2>
<c:choose>
  <c:when test="${empty slots}">
    <div class="empty"><strong>No accounts</strong><a href="/accounts">Add an account</a> first.</div>
  </c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Account</th><th>In use</th><th>Limit</th><th>Free</th></tr></thead>
      <tbody>
      <c:forEach var="a" items="${slots}">
        <tr>
          <td><c:out value="${a.name()}"/></td>
          <td>${a.used()}</td>
          <td><c:out value="${empty a.limit() ? 'none' : a.limit()}"/></td>
          <td><c:out value="${empty a.free() ? '—' : a.free()}"/></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
