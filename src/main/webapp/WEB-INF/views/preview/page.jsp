<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<l:page title="Preview">
  <h1>Preview</h1>
  <form class="grid panel" id="preview-form" hx-get="/preview/rows" hx-target="#results" hx-push-url="false"
        hx-trigger="input changed delay:300ms from:#search, change, submit" role="search">
    <input type="hidden" name="filters_shown" value="1">
    <label>Account
      <select name="account">
        <option value="">All enabled accounts</option>
        <c:forEach var="a" items="${accounts}">
          <option value="${a.id()}" ${account == a.id().toString() ? 'selected' : ''}><c:out value="${a.name()}"/></option>
        </c:forEach>
      </select></label>
    <label>Search
      <input id="search" name="search" type="search" placeholder="espn, sky sports…" autocomplete="off"
             value="<c:out value='${param.search}'/>"></label>
    <label>Tags
      <input name="tags" data-chips list="tag-names" placeholder="type a tag, Enter" autocomplete="off" value="<c:out value='${param.tags}'/>">
      <datalist id="tag-names"><c:forEach var="t" items="${tags}"><option value="<c:out value='${t}'/>"></c:forEach></datalist></label>
    <label>Match
      <select name="match"><option value="any">any of the tags</option><option value="all" ${param.match == 'all' ? 'selected' : ''}>all of the tags</option></select></label>
    <label class="check"><input type="checkbox" name="apply_filters" ${applyFilters ? 'checked' : ''}> Apply the accounts' filters</label>
    <label class="check" title="The same channel from several accounts shows once: its first source"><input type="checkbox" name="merged" ${merged ? 'checked' : ''}> One row per merged channel</label>
  </form>
  <div id="results" aria-live="polite"><jsp:include page="results.jsp"/></div>
</l:page>
