<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<c:choose>
  <c:when test="${empty runs}"><p>No sync yet.</p></c:when>
  <c:otherwise>
    <table>
      <thead><tr><th>Finished</th><th>Status</th><th>Channels +/~/−</th><th>ms</th><th>Message</th></tr></thead>
      <tbody>
      <c:forEach var="r" items="${runs}">
        <tr>
          <td><c:out value="${lu:iso(r.finishedAt())}"/></td>
          <td class="${r.status() == 'ok' ? 'ok' : (r.status() == 'running' ? '' : 'bad')}"><c:out value="${r.status()}"/></td>
          <td>${r.channelsAdded()} / ${r.channelsUpdated()} / ${r.channelsDeactivated()}</td>
          <td>${r.durationMs()}</td>
          <td><c:out value="${r.message()}"/></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </c:otherwise>
</c:choose>
