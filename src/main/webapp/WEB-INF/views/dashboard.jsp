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
      <div id="dash" hx-get="/" hx-select="#dash" hx-target="this" hx-swap="outerHTML" hx-trigger="refresh">
      <div class="stats">
        <div class="stat"><b>${accounts.size()}</b><span>accounts</span></div>
        <div class="stat"><b><fmt:formatNumber value="${channels}"/></b><span>channels stored</span></div>
        <div class="stat"><b><fmt:formatNumber value="${passing}"/></b><span>pass their filters</span></div>
        <div class="stat"><b>${playlists}</b><span>playlists</span></div>
      </div>
      <section aria-labelledby="attention-title">
        <h2 id="attention-title">Needs attention</h2>
        <c:choose>
          <c:when test="${empty attention}">
            <p class="panel all-good" id="attention">Nothing needs attention: the last syncs went well, no subscription
              is about to end, guides refreshed and every playlist serves channels.</p>
          </c:when>
          <c:otherwise>
            <ul class="attention" id="attention">
              <c:forEach var="i" items="${attention}">
                <li class="${i.severity()} kind-${i.kind()}">
                  <div class="what"><strong><c:out value="${i.what()}"/></strong> ·
                    <a href="${i.href()}"><c:out value="${i.subject()}"/></a></div>
                  <div class="why small"><c:out value="${i.why()}"/></div>
                  <c:if test="${not empty i.confirmAccount()}">
                    <div class="actions"><button type="button" class="primary" data-sync="${i.confirmAccount()}" data-force>Confirm and sync</button></div>
                  </c:if>
                </li>
              </c:forEach>
            </ul>
          </c:otherwise>
        </c:choose>
      </section>
      <h2>Accounts</h2>
      <div class="cards dash-accounts">
        <c:forEach var="a" items="${accounts}">
          <%-- A finished sync triggers "refresh" here; it bubbles up to #dash, which reloads itself. --%>
          <article class="card" id="account-${a.id()}" data-account="${a.id()}" ${a.running() ? 'data-follow' : ''}>
            <h3><a href="/accounts#account-${a.id()}"><c:out value="${a.name()}"/></a>
              <c:choose>
                <c:when test="${a.running()}"><span class="badge running">Syncing…</span></c:when>
                <c:when test="${a.failed()}"><span class="badge failed">Failed</span></c:when>
                <c:when test="${a.needsConfirmation()}"><span class="badge confirm">Needs confirmation</span></c:when>
                <c:when test="${a.synced()}"><span class="badge db">Database</span></c:when>
                <c:otherwise><span class="badge api">API only</span></c:otherwise>
              </c:choose>
            </h3>
            <c:set var="warning" value="${a.subscriptionWarning()}"/>
            <p class="small subscription ${empty warning ? 'muted' : warning.css()}">
              <c:choose>
                <c:when test="${not empty warning}"><strong><c:out value="${warning.text()}"/></strong> <c:out value="${a.subscriptionConnections()}"/></c:when>
                <c:when test="${not empty a.subscriptionSummary()}"><c:out value="${a.subscriptionSummary()}"/></c:when>
                <c:otherwise>Subscription not checked yet: sync or test the connection.</c:otherwise>
              </c:choose>
            </p>
            <p class="small muted"><fmt:formatNumber value="${a.status().channelCount()}"/> channels ·
              last sync <c:out value="${empty a.syncedAgo() ? 'never' : a.syncedAgo()}"/></p>
            <div class="charts">
              <l:chart chart="${a.history().channels()}"/>
              <l:chart chart="${a.history().changes()}"/>
              <l:chart chart="${a.history().duration()}"/>
              <l:chart chart="${a.history().coverage()}"/>
            </div>
            <div class="progress" hidden><progress max="1"></progress> <span>starting…</span></div>
          </article>
        </c:forEach>
      </div>
      <p class="muted small">
        <c:choose>
          <c:when test="${not empty nextSync}">Next automatic sync: <strong><c:out value="${nextSync}"/></strong>.&#32;</c:when>
          <c:otherwise>No account syncs automatically.</c:otherwise>
        </c:choose>
        <c:choose>
          <c:when test="${not empty syncInterval}">Accounts sync every <c:out value="${syncInterval}"/> unless they set their own interval;</c:when>
          <c:otherwise>Only accounts with their own interval sync by themselves (SYNC_INTERVAL_HOURS is 0);</c:otherwise>
        </c:choose>
        guides are fetched after each sync.</p>
      </div>
    </c:otherwise>
  </c:choose>
</l:page>
