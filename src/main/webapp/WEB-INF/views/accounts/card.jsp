<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<c:set var="s" value="${account.status()}"/>
<article class="card" id="account-${account.id()}" data-account="${account.id()}" ${account.running() ? 'data-follow' : ''}
         hx-get="/accounts/${account.id()}/card" hx-trigger="refresh" hx-swap="outerHTML">
  <h3><c:out value="${account.name()}"/>
    <c:choose>
      <c:when test="${account.running()}"><span class="badge running">Syncing…</span></c:when>
      <c:when test="${account.synced()}"><span class="badge db" title="Preview and playlists read the database">Database</span></c:when>
      <c:otherwise><span class="badge api" title="Never synced: previews ask the provider">API only</span></c:otherwise>
    </c:choose>
    <c:if test="${account.failed()}"><span class="badge failed">Failed</span></c:if>
    <c:if test="${account.needsConfirmation()}"><span class="badge confirm">Needs confirmation</span></c:if>
    <c:if test="${!account.enabled()}"><span class="badge off">Disabled</span></c:if>
  </h3>
  <div class="meta"><c:out value="${account.typeLabel()}"/> ·
    <c:out value="${account.server()}"/><c:if test="${not empty account.username()}"> · <c:out value="${account.username()}"/></c:if></div>
  <div class="small">
    <c:choose>
      <c:when test="${account.synced()}">
        <strong class="count"><fmt:formatNumber value="${s.channelCount()}"/></strong> channels ·
        <fmt:formatNumber value="${s.categoryCount()}"/> categories ·
        <fmt:formatNumber value="${s.passingChannels()}"/> pass the filters ·
        synced <span class="synced-ago"><c:out value="${account.syncedAgo()}"/></span>
      </c:when>
      <c:otherwise><span class="muted">Never synced: press Sync to store its channels.</span></c:otherwise>
    </c:choose>
  </div>
  <c:set var="warning" value="${account.subscriptionWarning()}"/>
  <c:if test="${not empty warning or not empty account.subscriptionSummary()}">
    <p class="small subscription ${empty warning ? 'muted' : warning.css()}">
      <c:choose>
        <c:when test="${not empty warning}"><strong role="note"><c:out value="${warning.text()}"/></strong> <c:out value="${account.subscriptionConnections()}"/></c:when>
        <c:otherwise><c:out value="${account.subscriptionSummary()}"/></c:otherwise>
      </c:choose></p>
  </c:if>
  <c:if test="${account.history().drawn()}">
    <div class="charts">
      <l:chart chart="${account.history().channels()}"/>
      <l:chart chart="${account.history().changes()}"/>
      <l:chart chart="${account.history().duration()}"/>
      <l:chart chart="${account.history().coverage()}"/>
    </div>
  </c:if>
  <c:if test="${account.failed() or account.needsConfirmation()}">
    <p class="small ${account.failed() ? 'bad' : ''}" role="note"><c:out value="${account.reason()}"/></p>
  </c:if>
  <div class="progress" hidden><progress max="1"></progress> <span>starting…</span></div>
  <div class="actions">
    <button class="primary sync" type="button" data-sync="${account.id()}" ${account.running() ? 'disabled' : ''}>Sync</button>
    <c:if test="${account.needsConfirmation()}">
      <button type="button" data-sync="${account.id()}" data-force>Confirm and sync</button>
    </c:if>
    <button type="button" hx-post="/api/accounts/${account.id()}/test" hx-swap="none"
            data-notice="Connection OK: the provider accepted the login">Test connection <span class="spinner"></span></button>
    <a class="button" href="/preview?account=${account.id()}">Preview</a>
    <button class="danger" type="button" hx-delete="/api/accounts/${account.id()}" hx-swap="none"
            hx-confirm="Delete this account with all its channels, tags and filters? Playlists keep working with the other accounts."
            data-refresh="#account-list" data-notice="Account deleted">Delete</button>
  </div>
  <details><summary>Edit</summary>
    <form class="stack" hx-patch="/api/accounts/${account.id()}" hx-swap="none" data-refresh="#account-${account.id()}"
          data-notice="Account saved">
      <lu:field label="Name" name="name" value="${account.name()}" maxlength="100"/>
      <lu:field label="Server or playlist URL" name="server" value="${account.server()}"/>
      <c:if test="${account.xtream()}">
        <lu:field label="Username" name="username" value="${account.username()}" autocomplete="off"/>
        <label>Password (empty: keep it) <input name="password" type="password" autocomplete="new-password"></label>
      </c:if>
      <lu:field label="Sync every … hours (empty: the default)" name="sync_interval_hours" type="number" min="0" max="8760" data-type="number" data-empty="null" value="${account.syncIntervalHours()}"/>
      <lu:field label="Guide URL (empty: the provider's)" name="epg_url" value="${account.epgUrl()}" data-empty="null"/>
      <lu:field label="Streams at once through Lineup (empty: ${empty account.providerMaxConnections() ? 'no limit' : 'as the provider allows, ' += account.providerMaxConnections()})" name="max_connections" type="number" min="1" max="1000" data-type="number" data-empty="null" value="${account.maxConnections()}"/>
      <label class="check"><input type="checkbox" name="enabled" ${account.enabled() ? 'checked' : ''}> Enabled</label>
      <div><button class="primary" type="submit">Save</button></div>
    </form>
  </details>
  <details hx-get="/accounts/${account.id()}/history" hx-trigger="toggle once" hx-target="find .history">
    <summary>Sync history</summary><div class="history small muted">Loading…</div>
  </details>
</article>
