<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<l:page title="Tags & rules">
  <div class="toolbar">
    <h1 class="grow">Tags &amp; rules</h1>
    <button hx-post="/api/rulesets/create-default" hx-swap="none" data-refresh="#tag-list"
            data-notice="Default ruleset ready">Create the default ruleset</button>
  </div>
  <p class="muted small">Rules find tags (country, quality, genre…) in channel and category names and can remove
    what they matched from the name. Accounts without rulesets of their own use the default ones.</p>

  <c:if test="${not empty from}">
    <h2>New rule from “<c:out value="${from}"/>”</h2>
  </c:if>
  <div id="tag-list" hx-get="/tags/list" hx-trigger="refresh"><jsp:include page="list.jsp"/></div>

  <h2>New ruleset</h2>
  <form class="grid panel" hx-post="/api/rulesets" hx-swap="none" data-refresh="#tag-list" data-reset data-notice="Ruleset created">
    <lu:field label="Name" name="name" maxlength="100"/>
    <label>Description <input name="description"></label>
    <div><button class="primary" type="submit">Create ruleset</button></div>
  </form>
</l:page>
