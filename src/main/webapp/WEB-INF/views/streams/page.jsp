<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<l:page title="Streams">
  <h1>Streams</h1>
  <p class="muted small">Channels Lineup relays to players now. Everyone watching a channel shares one connection to
    the provider; an account never has more streams open than its connection limit allows. A stream closes a few
    seconds after its last viewer leaves.</p>
  <div id="stream-list" hx-get="/streams/list" hx-trigger="every 5s, refresh"><jsp:include page="list.jsp"/></div>
</l:page>
