<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<form id="match-filters" class="toolbar" hx-get="/guides/list" hx-target="#match-list" hx-trigger="change, submit">
  <label>Show
    <select name="status">
      <option value="review" ${status == 'review' ? 'selected' : ''}>To review (${page.counts().review()})</option>
      <option value="auto" ${status == 'auto' ? 'selected' : ''}>Matched by Lineup (${page.counts().auto()})</option>
      <option value="manual" ${status == 'manual' ? 'selected' : ''}>Set by you (${page.counts().manual()})</option>
      <option value="unmatched" ${status == 'unmatched' ? 'selected' : ''}>Without a guide (${page.counts().unmatched()})</option>
    </select></label>
  <label>Account
    <select name="account_id">
      <option value="">all</option>
      <c:forEach var="a" items="${accounts}"><option value="${a.id()}" ${accountId == a.id() ? 'selected' : ''}><c:out value="${a.name()}"/></option></c:forEach>
    </select></label>
  <label>Channel name <input type="search" name="search" value="<c:out value='${search}'/>" maxlength="200"></label>
</form>
<c:choose>
  <c:when test="${empty rows}">
    <div class="empty"><strong>Nothing here</strong>
      <c:choose>
        <c:when test="${status == 'review'}">No proposal waits for you. Channels the matcher was unsure about show up here after a sync.</c:when>
        <c:when test="${status == 'unmatched'}">Every channel has a guide.</c:when>
        <c:otherwise>No channel in this list yet: sync an account, or add a guide source below.</c:otherwise>
      </c:choose></div>
  </c:when>
  <c:otherwise>
    <p class="muted small"><c:out value="${page.total()}"/> ${page.total() == 1 ? 'channel' : 'channels'}<c:if test="${page.total() > fn:length(rows)}">, showing
      <c:out value="${page.offset() + 1}"/>–<c:out value="${page.offset() + fn:length(rows)}"/></c:if>.</p>
    <table class="matches">
      <thead><tr><th>Channel</th><th>Guide channel</th><th>On now / next</th><th>Score</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="r" items="${rows}">
        <c:set var="m" value="${r.match()}"/>
        <tr id="match-${m.channelId()}">
          <td><c:out value="${empty m.channelName() ? '(no name)' : m.channelName()}"/>
            <div class="muted small"><c:out value="${m.accountName()}"/><c:if test="${not empty m.providerGuideId()}"> · provider's id <code><c:out value="${m.providerGuideId()}"/></code></c:if></div></td>
          <td><c:choose>
              <c:when test="${empty m.guideChannelId()}"><span class="muted">none</span></c:when>
              <c:otherwise><c:out value="${empty m.guideChannelName() ? m.guideChannelId() : m.guideChannelName()}"/>
                <div class="muted small"><code><c:out value="${m.guideChannelId()}"/></code> in <c:out value="${m.guideName()}"/></div></c:otherwise>
            </c:choose></td>
          <td class="small"><c:if test="${not empty r.now()}"><strong>Now</strong> <c:out value="${r.now()}"/><br></c:if>
            <c:if test="${not empty r.next()}"><strong>Next</strong> <c:out value="${r.next()}"/></c:if></td>
          <td class="small"><c:if test="${not empty m.score()}"><c:out value="${m.score()}"/></c:if>
            <div class="muted"><c:out value="${m.reason()}"/></div></td>
          <td class="actions">
            <c:if test="${not empty m.guideChannelId() and m.status() != 'manual'}">
              <button type="button" hx-put="/api/channels/${m.channelId()}/guide" hx-swap="none"
                      data-json='{"confirm":true}' data-refresh="#match-list" data-notice="Guide accepted">Accept</button>
            </c:if>
            <c:if test="${not empty m.guideChannelId()}">
              <button type="button" hx-put="/api/channels/${m.channelId()}/guide" hx-swap="none"
                      data-json='{"guide_channel_id":null}' data-refresh="#match-list" data-notice="No guide for this channel">Reject</button>
            </c:if>
            <form class="inline" hx-put="/api/channels/${m.channelId()}/guide" hx-swap="none" data-refresh="#match-list"
                  data-notice="Guide set">
              <input name="guide_channel_id" placeholder="another guide channel" maxlength="255" required
                     aria-label="Another guide channel for ${fn:escapeXml(m.channelName())}" list="guide-channel-options"
                     autocomplete="off" hx-get="/guides/channels" hx-params="guide_channel_id" hx-trigger="input changed delay:300ms"
                     hx-target="#guide-channel-options" hx-swap="innerHTML">
              <button type="submit">Set</button>
            </form>
            <c:if test="${m.byPerson()}">
              <button type="button" hx-delete="/api/channels/${m.channelId()}/guide" hx-swap="none"
                      data-refresh="#match-list" data-notice="Handed back to the matcher">Let Lineup choose</button>
            </c:if>
          </td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
    <datalist id="guide-channel-options"></datalist>
    <c:if test="${page.total() > page.offset() + fn:length(rows)}">
      <button type="button" hx-get="/guides/list?offset=${page.offset() + page.limit()}" hx-include="#match-filters"
              hx-target="#match-list">Next page</button>
    </c:if>
  </c:otherwise>
</c:choose>
