<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:forEach var="f" items="${found}">
  <option value="<c:out value='${f.id()}'/>"><c:out value="${f.name()}"/> — <c:out value="${f.guideName()}"/></option>
</c:forEach>
