<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:if test="${empty rulesets}">
  <div class="empty"><strong>No rulesets yet</strong>Press <em>Create the default ruleset</em> for country, quality
    and genre tags, or create your own below.</div>
</c:if>
<c:forEach var="set" items="${rulesets}">
  <c:set var="r" value="${set.ruleset()}"/>
  <section class="panel ruleset spaced" id="ruleset-${r.id()}">
    <h3 class="flush"><c:out value="${r.name()}"/>
      <c:if test="${r.isDefault()}"><span class="badge db">default</span></c:if>
      <c:if test="${!r.enabled()}"><span class="badge off">disabled</span></c:if>
      <span class="muted small">${r.ruleCount()} rules</span>
      <span class="grow"></span>
      <button type="button" class="small" hx-patch="/api/rulesets/${r.id()}" hx-swap="none" data-refresh="#tag-list"
              data-json='{"enabled": ${!r.enabled()}}'>${r.enabled() ? 'Disable' : 'Enable'}</button>
      <button type="button" class="small danger" hx-delete="/api/rulesets/${r.id()}" hx-swap="none" data-refresh="#tag-list"
              hx-confirm="Delete this ruleset and its rules? Accounts using it fall back to the default rulesets."
              data-notice="Ruleset deleted">Delete</button></h3>
    <c:if test="${not empty set.rules()}">
      <table>
        <thead><tr><th>#</th><th>Name</th><th>Match</th><th>Pattern</th><th>Tag</th><th>In</th><th>Removes</th><th></th></tr></thead>
        <tbody>
        <c:forEach var="rule" items="${set.rules()}" varStatus="st">
          <tr class="${rule.enabled() ? '' : 'muted'}">
            <td>${rule.priority()}</td>
            <td><c:out value="${rule.name()}"/></td>
            <td><c:out value="${rule.patternType()}"/></td>
            <td><code><c:out value="${rule.pattern()}"/></code></td>
            <td><span class="tag"><c:out value="${rule.tagName()}"/></span></td>
            <td><c:out value="${rule.source()}"/></td>
            <td>${rule.removeFromName() ? 'yes' : ''}</td>
            <td class="nowrap">
              <c:if test="${!st.first}">
                <button type="button" title="Run earlier" aria-label="Move up" hx-patch="/api/tag-rules/${rule.id()}" hx-swap="none"
                        data-refresh="#tag-list" data-json='{"priority": ${set.rules()[st.index - 1].priority() - 1}}'>↑</button></c:if>
              <c:if test="${!st.last}">
                <button type="button" title="Run later" aria-label="Move down" hx-patch="/api/tag-rules/${rule.id()}" hx-swap="none"
                        data-refresh="#tag-list" data-json='{"priority": ${set.rules()[st.index + 1].priority() + 1}}'>↓</button></c:if>
              <button type="button" hx-patch="/api/tag-rules/${rule.id()}" hx-swap="none" data-refresh="#tag-list"
                      data-json='{"enabled": ${!rule.enabled()}}'>${rule.enabled() ? 'Disable' : 'Enable'}</button>
              <button type="button" data-toggle-next-row>Edit</button>
              <button type="button" class="danger" hx-delete="/api/tag-rules/${rule.id()}" hx-swap="none"
                      hx-confirm="Delete this rule? Tags change when the accounts' tags are processed next."
                      data-refresh="#tag-list">Delete</button></td>
          </tr>
          <tr class="rule-edit" hidden><td colspan="8">
            <form class="grid" hx-put="/api/tag-rules/${rule.id()}" hx-swap="none" data-refresh="#tag-list" data-notice="Rule saved">
              <lu:field label="Name" name="name" value="${rule.name()}"/>
              <label>Match <select name="pattern_type">
                <c:forEach var="o" items="${choices.patternTypes}"><option ${rule.patternType() == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
              <lu:field label="Pattern" name="pattern" value="${rule.pattern()}"/>
              <lu:field label="Tag" name="tag_name" value="${rule.tagName()}"/>
              <label>Look in <select name="source">
                <c:forEach var="o" items="${choices.ruleSources}"><option ${rule.source() == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
              <lu:field label="Priority" name="priority" type="number" min="0" data-type="number" value="${rule.priority()}"/>
              <label>Replace the match with (empty: remove it) <input name="replacement" value="<c:out value='${rule.replacement()}'/>" data-empty="null"></label>
              <label class="check"><input type="checkbox" name="remove_from_name" ${rule.removeFromName() ? 'checked' : ''}> Remove the match from the name</label>
              <label class="check"><input type="checkbox" name="enabled" ${rule.enabled() ? 'checked' : ''}> Enabled</label>
              <div><button class="primary" type="submit">Save rule</button></div>
            </form></td></tr>
        </c:forEach>
        </tbody>
      </table>
    </c:if>
    <details ${not empty from ? 'open' : ''}><summary>Add a rule</summary>
      <form class="grid" hx-post="/api/rulesets/${r.id()}/rules" hx-swap="none" data-refresh="#tag-list" data-notice="Rule added">
        <lu:field label="Name" name="name" maxlength="100"/>
        <label>Match
          <select name="pattern_type"><c:forEach var="o" items="${choices.patternTypes}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
        <lu:field label="Pattern" name="pattern" value="${from}"/>
        <lu:field label="Tag" name="tag_name" maxlength="50"/>
        <label>Look in
          <select name="source"><c:forEach var="o" items="${choices.ruleSources}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
        <label>Priority <input name="priority" type="number" value="100" data-type="number"></label>
        <label class="check"><input type="checkbox" name="remove_from_name"> Remove the match from the name</label>
        <div><button class="primary" type="submit">Add rule</button></div>
      </form>
    </details>
    <details><summary>Try it (dry run)</summary>
      <form class="grid" hx-post="/api/rulesets/${r.id()}/test" hx-swap="none" data-result="#dry-run-${r.id()}">
        <label>Channel name <input name="channel_name" value="<c:out value='${from}'/>"></label>
        <label>Category name <input name="category_name"></label>
        <div><button type="submit">Try</button></div>
      </form>
      <pre class="small" id="dry-run-${r.id()}"></pre>
    </details>
  </section>
</c:forEach>

<h2>Accounts</h2>
<c:if test="${empty accountsTags}"><div class="empty">No accounts yet: <a href="/accounts#add">add one</a>.</div></c:if>
<c:forEach var="a" items="${accountsTags}">
  <section class="panel account-tags spaced" id="account-tags-${a.id()}">
    <h3 class="flush"><c:out value="${a.name()}"/></h3>
    <p class="small">Rulesets in use:
      <c:forEach var="e" items="${a.rulesets().effective}" varStatus="st"><c:out value="${e.name}"/>${st.last ? '' : ', '}</c:forEach>
      <c:if test="${empty a.rulesets().effective}"><span class="muted">none</span></c:if>
      <c:if test="${a.rulesets().uses_defaults}"><span class="muted">(the defaults)</span></c:if>
      <c:forEach var="as" items="${a.rulesets().assigned}">
        <button type="button" class="small" hx-delete="/api/accounts/${a.id()}/rulesets/${as.ruleset_id}" hx-swap="none"
                data-refresh="#tag-list" title="Stop using this ruleset for this account">Unassign <c:out value="${as.name}"/></button>
      </c:forEach></p>
    <form class="toolbar" hx-post="/api/accounts/${a.id()}/rulesets" hx-swap="none" data-refresh="#tag-list" data-notice="Ruleset assigned">
      <select name="ruleset_id" data-type="number" class="auto-width" aria-label="Ruleset to assign to <c:out value='${a.name()}'/>">
        <c:forEach var="set" items="${rulesets}"><option value="${set.ruleset().id()}"><c:out value="${set.ruleset().name()}"/></option></c:forEach>
      </select>
      <button type="submit">Assign</button>
      <button type="button" class="primary" hx-post="/api/accounts/${a.id()}/process-tags" hx-swap="none"
              data-refresh="#tag-list" data-result="notice">Process tags <span class="spinner"></span></button>
    </form>
    <div class="tags-of-account" hx-get="/tags/account/${a.id()}" hx-trigger="load" hx-swap="innerHTML">
      <span class="muted small">Counting tags… <span class="spinner htmx-request"></span></span>
    </div>
  </section>
</c:forEach>
