<%@ page pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
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
          <code class="url m3u"><c:out value="${p.m3u}"/></code>
          <p class="small muted">Guide (XMLTV; the M3U names it already)</p>
          <code class="url epg"><c:out value="${p.epg}"/></code>
          <div class="actions">
            <button type="button" data-copy="<c:out value='${p.m3u}'/>">Copy M3U URL</button>
            <button type="button" data-copy="<c:out value='${p.epg}'/>">Copy guide URL</button>
            <a class="button" href="<c:out value='${p.m3u}'/>">Download</a>
            <button type="button" hx-post="/api/playlist-configs/${p.id}/rotate-token" hx-swap="none"
                    hx-confirm="Give this playlist a new secret URL? Players using the old one stop working until you paste the new one."
                    data-refresh="#playlist-list" data-notice="New URL made: update your players">New URL</button>
            <button class="danger" type="button" hx-delete="/api/playlist-configs/${p.id}" hx-swap="none"
                    hx-confirm="Delete this playlist? Players using it stop working." data-refresh="#playlist-list"
                    data-notice="Playlist deleted">Delete</button>
          </div>
        </article>
      </c:forEach>
    </div>
  </c:otherwise>
</c:choose>
