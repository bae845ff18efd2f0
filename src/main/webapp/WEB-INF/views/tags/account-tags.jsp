<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:forEach var="t" items="${tags}"><span class="tag"><c:out value="${t.name}"/> <span class="muted">${t.channel_count}</span></span></c:forEach>
<c:if test="${empty tags}"><span class="muted small">No tags yet: sync the account, then process its tags.</span></c:if>
