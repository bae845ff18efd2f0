<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:choose>
  <c:when test="${empty playlists}">
    <div class="empty"><strong>No playlists yet</strong>
      Create one below: choose accounts and tags, then paste its M3U URL into TiviMate, VLC, Kodi or Plex.</div>
  </c:when>
  <c:otherwise>
    <div class="cards">
      <c:forEach var="p" items="${playlists}">
        <article class="card playlist" id="playlist-${p.id}">
          <h3><c:out value="${p.name}"/>
            <c:if test="${!p.enabled}"><span class="badge off">Disabled</span></c:if></h3>
          <div class="meta"><c:out value="${p.description}"/></div>
          <div class="small"><strong class="count"><fmt:formatNumber value="${p.channels}"/></strong> channels now</div>
          <p class="small muted">M3U (share this one)</p>
          <code class="url m3u"><c:out value="${p.urls.m3u}"/></code>
          <p class="small muted">Guide (XMLTV; the M3U names it already)</p>
          <code class="url epg"><c:out value="${p.urls.epg}"/></code>
          <p class="small muted">HDHomeRun tuner (Plex, Jellyfin, Emby: add it as a tuner, and the guide URL as its XMLTV guide)</p>
          <code class="url hdhr"><c:out value="${p.urls.hdhr}"/></code>
          <div class="actions">
            <button type="button" data-copy="<c:out value='${p.urls.m3u}'/>">Copy M3U URL</button>
            <button type="button" data-copy="<c:out value='${p.urls.epg}'/>">Copy guide URL</button>
            <button type="button" data-copy="<c:out value='${p.urls.hdhr}'/>">Copy tuner URL</button>
            <a class="button" href="<c:out value='${p.urls.m3u}'/>">Download</a>
            <button type="button" hx-post="/api/playlist-configs/${p.id}/rotate-token" hx-swap="none"
                    hx-confirm="Give this playlist a new secret URL? Players using the old one stop working until you paste the new one."
                    data-refresh="#playlist-list" data-notice="New URL made: update your players">New URL</button>
            <button class="danger" type="button" hx-delete="/api/playlist-configs/${p.id}" hx-swap="none"
                    hx-confirm="Delete this playlist? Players using it stop working. (Xtream logins that use it must be moved or deleted first.)" data-refresh="#playlist-list"
                    data-notice="Playlist deleted">Delete</button>
          </div>
          <details><summary>Edit</summary>
            <form class="stack" hx-put="/api/playlist-configs/${p.id}" hx-swap="none" data-refresh="#playlist-list"
                  data-notice="Playlist saved">
              <lu:field label="Name" name="name" value="${p.name}"/>
              <label>Description <input name="description" value="<c:out value='${p.description}'/>"></label>
              <label>Accounts (none selected: all)
                <select name="include_accounts" multiple size="3" data-items="number">
                  <c:forEach var="a" items="${accounts}"><option value="${a.id()}" ${p.include_accounts.contains(a.id()) ? 'selected' : ''}><c:out value="${a.name()}"/></option></c:forEach>
                </select></label>
              <lu:field label="Only channels tagged" name="include_tags" data-type="list" value="${p.includeTags}"/>
              <label>Tag match <select name="tag_match"><option value="any">any</option><option value="all" ${p.tag_match == 'all' ? 'selected' : ''}>all</option></select></label>
              <label>Leave out channels tagged <input name="exclude_tags" data-type="list" value="<c:out value='${p.excludeTags}'/>"></label>
              <label>Numbering <select name="numbering">
                <c:forEach var="o" items="${choices.numberings}"><option ${p.numbering == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
              <label>Start number <input name="start_number" type="number" min="0" data-type="number" value="${p.start_number}"></label>
              <label>Group title <select name="group_by">
                <c:forEach var="o" items="${choices.groupBys}"><option ${p.group_by == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
              <label>Order <select name="order_by">
                <c:forEach var="o" items="${choices.orderBys}"><option ${p.order_by == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
              <label>Streams <select name="stream_mode">
                <c:forEach var="o" items="${choices.streamModes}"><option value="${o.code()}" ${p.stream_mode == o.code() ? 'selected' : ''}><c:out value="${o.label()}"/></option></c:forEach></select></label>
              <label class="check"><input type="checkbox" name="apply_filters" ${p.apply_filters ? 'checked' : ''}> Apply the accounts' filters</label>
              <label class="check"><input type="checkbox" name="account_suffix" ${p.account_suffix ? 'checked' : ''}> Add " (Account)" to groups</label>
              <label class="check"><input type="checkbox" name="merge_duplicates" ${p.merge_duplicates ? 'checked' : ''}> One entry per channel carried by several accounts</label>
              <label class="check"><input type="checkbox" name="enabled" ${p.enabled ? 'checked' : ''}> Enabled</label>
              <div><button class="primary" type="submit">Save</button></div>
            </form>
          </details>
        </article>
      </c:forEach>
    </div>
  </c:otherwise>
</c:choose>
<p class="small muted" id="legacy-urls">
  Id-based URLs (<code>/playlist/{id}.m3u</code>, <code>/epg/{id}.xml</code>, <code>/playlist/config/{id}.m3u</code>):
  <strong>${legacyUrls ? 'on' : 'off'}</strong> — they are easy to guess; the secret URLs above always work.
  <button type="button" class="small" hx-patch="/api/settings" hx-swap="none" data-refresh="#playlist-list"
          data-json='{"legacy_player_urls": ${!legacyUrls}}'>${legacyUrls ? 'Turn off' : 'Turn on'}</button>
</p>
