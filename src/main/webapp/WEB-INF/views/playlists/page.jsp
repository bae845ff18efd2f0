<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<l:page title="Playlists">
  <h1>Playlists</h1>
  <div id="playlist-list" hx-get="/playlists/list" hx-trigger="refresh"><jsp:include page="list.jsp"/></div>

  <h2 id="add">New playlist</h2>
  <form class="grid panel" hx-post="/api/playlist-configs" hx-swap="none" data-refresh="#playlist-list" data-reset
        data-notice="Playlist created: copy its M3U URL into your player">
    <lu:field label="Name" name="name" maxlength="100" autocomplete="off"/>
    <lu:field label="Description" name="description" maxlength="1000"/>
    <label>Accounts (none selected: all)
      <select name="include_accounts" multiple size="3" data-items="number">
        <c:forEach var="a" items="${accounts}"><option value="${a.id()}"><c:out value="${a.name()}"/></option></c:forEach>
      </select><span class="field-error" data-error-for="include_accounts"></span></label>
    <lu:field label="Only channels tagged (comma-separated)" name="include_tags" data-type="list" placeholder="UK, HD"/>
    <label>Tag match
      <select name="tag_match"><option value="any">any</option><option value="all">all</option></select></label>
    <lu:field label="Leave out channels tagged" name="exclude_tags" data-type="list" placeholder="ADULT"/>
    <label>Numbering
      <select name="numbering"><c:forEach var="o" items="${choices.numberings}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
    <lu:field label="Start number" name="start_number" type="number" min="0" value="1" data-type="number"/>
    <label>Group title
      <select name="group_by"><c:forEach var="o" items="${choices.groupBys}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
    <label>Order
      <select name="order_by"><c:forEach var="o" items="${choices.orderBys}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
    <label>Streams
      <select name="stream_mode"><c:forEach var="o" items="${choices.streamModes}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
    <label class="check"><input type="checkbox" name="apply_filters" checked> Apply the accounts' filters</label>
    <label class="check"><input type="checkbox" name="account_suffix" checked> Add " (Account)" to groups</label>
    <label class="check"><input type="checkbox" name="merge_duplicates"> One entry per channel carried by several accounts</label>
    <div><button class="primary" type="submit">Create playlist</button></div>
  </form>
</l:page>
