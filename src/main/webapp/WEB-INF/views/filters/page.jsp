<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<l:page title="Filters">
  <h1>Filters</h1>
  <p class="muted small">Filters choose which of an account's channels reach the preview (with “apply filters”) and
    the playlists. A whitelist keeps only what matches; a blacklist drops it.</p>
  <div id="filter-list" hx-get="/filters/list" hx-trigger="refresh"><jsp:include page="list.jsp"/></div>
</l:page>
