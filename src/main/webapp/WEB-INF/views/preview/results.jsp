<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<div class="toolbar">
  <span class="badge ${result.using_database ? 'db' : 'api'}" id="data-source">${result.using_database ? 'Database' : 'API'}</span>
  <span id="total"><strong><fmt:formatNumber value="${result.total}"/></strong> channels</span>
  <c:if test="${result.search_pending}"><span class="muted small">(search is catching up with the last sync)</span></c:if>
  <c:if test="${not empty result.unsynced_accounts}">
    <span class="muted small">Not synced yet, so not included:
      <c:forEach var="u" items="${result.unsynced_accounts}" varStatus="st"><c:out value="${u.name}"/>${st.last ? '' : ', '}</c:forEach></span>
  </c:if>
</div>
<c:choose>
  <c:when test="${result.total == 0}">
    <div class="empty"><strong>No channels match</strong>
      <c:choose>
        <c:when test="${empty accounts}">Add and sync an account first (<a href="/accounts#add">Accounts</a>).</c:when>
        <c:otherwise>Try fewer tags, another search, or switch off the filters.</c:otherwise>
      </c:choose></div>
  </c:when>
  <c:otherwise>
    <table id="channels">
      <thead><tr><th></th><th>Name</th><th>Cleaned name</th><th>Category</th><th>Tags</th><th>Account</th><th></th></tr></thead>
      <tbody><jsp:include page="rows.jsp"/></tbody>
    </table>
  </c:otherwise>
</c:choose>
