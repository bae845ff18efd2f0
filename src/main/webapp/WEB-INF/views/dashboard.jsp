<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<l:page title="Dashboard">
  <h1>Dashboard</h1>
  <c:choose>
    <c:when test="${empty accounts}">
      <div class="empty"><strong>Welcome to Lineup</strong>
        Start by <a href="/accounts#add">adding your IPTV provider account</a>; then sync it, preview its channels,
        and build a playlist for your player.</div>
    </c:when>
    <c:otherwise>
      <div class="stats">
        <div class="stat"><b>${accounts.size()}</b><span>accounts</span></div>
        <div class="stat"><b><fmt:formatNumber value="${channels}"/></b><span>channels stored</span></div>
        <div class="stat"><b><fmt:formatNumber value="${passing}"/></b><span>pass their filters</span></div>
        <div class="stat"><b>${playlists}</b><span>playlists</span></div>
      </div>
      <c:if test="${not empty attention}">
        <h2>Needs attention</h2>
        <ul class="panel">
          <c:forEach var="a" items="${attention}">
            <li><a href="/accounts#account-${a.id()}"><c:out value="${a.name()}"/></a>:
              <c:out value="${a.needsConfirmation() ? 'the last sync is waiting for confirmation' : 'the last sync failed'}"/> —
              <span class="muted"><c:out value="${a.reason()}"/></span></li>
          </c:forEach>
        </ul>
      </c:if>
      <h2>Accounts</h2>
      <table>
        <thead><tr><th>Account</th><th>Data</th><th>Channels</th><th>Last sync</th></tr></thead>
        <tbody>
        <c:forEach var="a" items="${accounts}">
          <tr>
            <td><a href="/accounts#account-${a.id()}"><c:out value="${a.name()}"/></a></td>
            <td><span class="badge ${a.synced() ? 'db' : 'api'}">${a.synced() ? 'Database' : 'API only'}</span></td>
            <td><fmt:formatNumber value="${a.status().channelCount()}"/></td>
            <td><c:out value="${empty a.syncedAgo() ? 'never' : a.syncedAgo()}"/></td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
      <p class="muted small">
        <c:choose>
          <c:when test="${not empty nextSync}">Next automatic sync: <strong><c:out value="${nextSync}"/></strong>.</c:when>
          <c:otherwise>No account syncs automatically.</c:otherwise>
        </c:choose>
        <c:choose>
          <c:when test="${not empty syncInterval}">Accounts sync every <c:out value="${syncInterval}"/> unless they set their own interval;</c:when>
          <c:otherwise>Only accounts with their own interval sync by themselves (SYNC_INTERVAL_HOURS is 0);</c:otherwise>
        </c:choose>
        guides are fetched after each sync.</p>
    </c:otherwise>
  </c:choose>
</l:page>
