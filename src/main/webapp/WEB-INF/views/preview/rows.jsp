<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<c:forEach var="ch" items="${result.channels}">
  <tr class="channel">
    <td class="logo-cell"><c:choose>
      <c:when test="${not empty ch.icon}"><img class="logo" loading="lazy" decoding="async" alt="" width="32" height="32" referrerpolicy="no-referrer" src="<c:out value='${ch.icon}'/>"></c:when>
      <c:otherwise><span class="logo placeholder" aria-hidden="true"></span></c:otherwise></c:choose></td>
    <td class="name" data-label="Name"><c:choose>
      <c:when test="${lu:nameless(ch.name)}"><span class="fallback" title="The provider gave no name: players see this title"><c:out value="${ch.title}"/></span></c:when>
      <c:otherwise><c:out value="${ch.name}"/></c:otherwise></c:choose></td>
    <td data-label="Cleaned"><c:out value="${ch.cleaned_name}"/></td>
    <td data-label="Category"><c:out value="${ch.category_name}"/></td>
    <td data-label="Tags"><c:forEach var="t" items="${ch.tags}"><span class="tag"><c:out value="${t}"/></span></c:forEach></td>
    <td class="muted" data-label="Account"><c:out value="${ch.account_name}"/><c:if test="${ch.sources > 1}"> <a class="badge small" href="/guides#merged" title="The same channel from ${ch.sources} sources: see Guides, merged channels">${ch.sources} sources</a></c:if></td>
    <td><c:url var="rule" value="/tags"><c:param name="from" value="${ch.name}"/></c:url>
      <a class="small" href="${rule}" title="Make a tag rule from this channel's name">rule…</a></td>
  </tr>
</c:forEach>
<c:if test="${not empty nextUrl}">
  <tr class="more" hx-get="<c:out value='${nextUrl}'/>" hx-trigger="revealed" hx-swap="outerHTML">
    <td colspan="7" class="muted small">Loading more… <span class="spinner htmx-request"></span></td>
  </tr>
</c:if>
