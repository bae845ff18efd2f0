<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:choose>
  <c:when test="${empty accounts}">
    <div class="empty"><strong>No accounts yet</strong>
      Add your IPTV provider below: an Xtream Codes panel (server, username, password) or an M3U playlist URL.
      Then press <em>Sync</em> to store its channels.</div>
  </c:when>
  <c:otherwise>
    <div class="cards">
      <c:forEach var="a" items="${accounts}">
        <c:set var="account" value="${a}" scope="request"/>
        <jsp:include page="card.jsp"/>
      </c:forEach>
    </div>
  </c:otherwise>
</c:choose>
