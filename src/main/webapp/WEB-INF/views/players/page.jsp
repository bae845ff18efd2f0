<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Players">
  <h1>Players</h1>
  <p class="muted small">Three ways in, each showing one playlist: its <strong>M3U URL</strong> (VLC, Kodi, any player),
    its <strong>HDHomeRun tuner</strong> URL (Plex, Jellyfin, Emby, Channels DVR; both on the Playlists page), or an
    <strong>Xtream Codes login</strong> (TiviMate, IPTV Smarters, iMPlayer, OTT Navigator, GSE), made here.</p>

  <h2>Xtream Codes logins</h2>
  <p class="muted small">In the player, choose “Xtream Codes” and type the server address
    <code class="secret"><c:out value="${server}"/></code>, a username and its password. Streams come through
    Lineup when the login's playlist relays them (its “Streams” setting); “Connections” is how many channels the login
    may watch at once.</p>
  <div id="user-list" hx-get="/players/list" hx-trigger="refresh"><jsp:include page="list.jsp"/></div>

  <h3 id="add">New login</h3>
  <c:choose>
    <c:when test="${empty playlists}">
      <div class="empty"><strong>No playlist yet</strong>A login shows one playlist: <a href="/playlists#add">create one first</a>.</div>
    </c:when>
    <c:otherwise>
      <form class="grid panel" hx-post="/api/xtream-users" hx-swap="none" data-refresh="#user-list" data-reset
            data-secret="#new-login">
        <lu:field label="Username (letters, digits, . _ ~ -)" name="username" maxlength="64" autocomplete="off"/>
        <label>Playlist
          <select name="playlist_id" data-type="number">
            <c:forEach var="p" items="${playlists}"><option value="${p.id()}"><c:out value="${p.name()}"/></option></c:forEach>
          </select><span class="field-error" data-error-for="playlist_id"></span></label>
        <lu:field label="Connections" name="max_connections" type="number" min="1" max="100" value="1" data-type="number"/>
        <lu:field label="Expires (empty: never)" name="expires_at" type="date"/>
        <lu:field label="Password (empty: one is made for you)" name="password" maxlength="64" autocomplete="new-password"/>
        <div><button class="primary" type="submit">Create login</button></div>
      </form>
    </c:otherwise>
  </c:choose>
  <div id="new-login" class="new-secret" aria-live="polite"></div>
</l:page>
