<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:choose>
  <c:when test="${empty merged.items()}">
    <div class="empty"><strong>No merged channels</strong>Channels merge once two sources carry the same guide channel
      or the same name: add a second account, or let channels find their guide above.</div>
  </c:when>
  <c:otherwise>
    <p class="muted small"><c:out value="${merged.total()}"/> merged channels<c:if test="${merged.total() > fn:length(merged.items())}">, showing
      <c:out value="${merged.offset() + 1}"/>–<c:out value="${merged.offset() + fn:length(merged.items())}"/></c:if>.</p>
    <table class="merged">
      <thead><tr><th>Channel</th><th>Sources, in failover order</th></tr></thead>
      <tbody>
      <c:forEach var="m" items="${merged.items()}">
        <tr>
          <td><c:out value="${empty m.name() ? '(no name)' : m.name()}"/>
            <div class="muted small"><c:out value="${fn:length(m.sources())}"/> sources</div></td>
          <td><ol class="sources">
            <c:forEach var="s" items="${m.sources()}">
              <li><c:out value="${empty s.name() ? '(no name)' : s.name()}"/> <span class="muted small">· <c:out value="${s.accountName()}"/></span>
                <button type="button" class="small" hx-delete="/api/merged-channels/${s.channelId()}" hx-swap="none"
                        hx-confirm="Split “${fn:escapeXml(s.name())}” off? It becomes a channel of its own."
                        data-refresh="#merged-list" data-notice="Source split off">Split</button></li>
            </c:forEach>
          </ol></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
    <c:if test="${merged.total() > merged.offset() + fn:length(merged.items())}">
      <button type="button" hx-get="/guides/merged?offset=${merged.offset() + merged.limit()}" hx-target="#merged-list">Next page</button>
    </c:if>
  </c:otherwise>
</c:choose>
