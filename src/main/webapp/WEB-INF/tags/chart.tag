<%@ tag pageEncoding="UTF-8" trimDirectiveWhitespaces="true" description="A small chart (dev.lineup.web.control.Chart) as inline SVG: each point's title gives its exact figure" %>
<%@ attribute name="chart" required="true" type="dev.lineup.web.control.Chart" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<figure class="chart chart-${chart.kind()}">
  <figcaption><span><c:out value="${chart.name()}"/></span> <b><c:out value="${empty chart.last() ? '—' : chart.last()}"/></b></figcaption>
  <c:choose>
    <c:when test="${not chart.drawn()}"><span class="muted small">Not measured yet</span></c:when>
    <c:otherwise>
      <svg viewBox="0 0 120 32" role="img" aria-label="<c:out value='${chart.name()}'/> over the last ${chart.runs()} syncs, last <c:out value='${chart.last()}'/>"
           data-last="${chart.lastValue()}" data-points="${chart.runs()}">
        <c:if test="${chart.kind() == 'line'}"><polyline points="${chart.line()}"/></c:if>
        <c:forEach var="p" items="${chart.points()}">
          <c:choose>
            <c:when test="${chart.kind() == 'line'}"><circle cx="${p.xs()}" cy="${p.ys()}" r="2"><title><c:out value="${p.title()}"/></title></circle></c:when>
            <c:otherwise><rect class="${p.below() ? 'down' : 'up'}" x="${p.xs()}" y="${p.ys()}" width="3" height="${p.heights()}"><title><c:out value="${p.title()}"/></title></rect></c:otherwise>
          </c:choose>
        </c:forEach>
      </svg>
    </c:otherwise>
  </c:choose>
</figure>
