<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:if test="${empty accounts}"><div class="empty"><strong>No accounts yet</strong><a href="/accounts#add">Add one</a> to filter its channels.</div></c:if>
<c:forEach var="a" items="${accounts}">
  <section class="panel spaced" id="filters-${a.account().id()}">
    <h3 class="flush"><c:out value="${a.account().name()}"/>
      <span class="muted small"><fmt:formatNumber value="${a.account().status().passingChannels()}"/> of
        <fmt:formatNumber value="${a.account().status().channelCount()}"/> channels pass</span></h3>
    <c:choose>
      <c:when test="${empty a.filters()}"><p class="muted small">No filters: every channel passes.</p></c:when>
      <c:otherwise>
        <table>
          <thead><tr><th>Name</th><th>Action</th><th>On</th><th>Value</th><th></th></tr></thead>
          <tbody>
          <c:forEach var="f" items="${a.filters()}">
            <tr class="${f.enabled() ? '' : 'muted'}">
              <td><c:out value="${f.name()}"/></td>
              <td><c:out value="${f.filterAction()}"/></td>
              <td><c:out value="${f.filterType()}"/></td>
              <td><code><c:out value="${f.filterValue()}"/></code></td>
              <td class="nowrap">
                <button type="button" hx-patch="/api/filters/${f.id()}" hx-swap="none" data-refresh="#filter-list"
                        data-json='{"enabled": ${!f.enabled()}}'>${f.enabled() ? 'Disable' : 'Enable'}</button>
                <button type="button" data-toggle-next-row>Edit</button>
                <button type="button" class="danger" hx-delete="/api/filters/${f.id()}" hx-swap="none"
                        hx-confirm="Delete this filter?" data-refresh="#filter-list">Delete</button></td>
            </tr>
            <tr class="filter-edit" hidden><td colspan="5">
              <form class="grid" hx-put="/api/filters/${f.id()}" hx-swap="none" data-refresh="#filter-list" data-notice="Filter saved">
                <lu:field label="Name" name="name" value="${f.name()}"/>
                <label>Action <select name="filter_action">
                  <c:forEach var="o" items="${choices.filterActions}"><option ${f.filterAction() == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
                <label>On <select name="filter_type">
                  <c:forEach var="o" items="${choices.filterTypes}"><option ${f.filterType() == o.code() ? 'selected' : ''}>${o.code()}</option></c:forEach></select></label>
                <lu:field label="Value" name="filter_value" value="${f.filterValue()}"/>
                <label class="check"><input type="checkbox" name="enabled" ${f.enabled() ? 'checked' : ''}> Enabled</label>
                <div><button class="primary" type="submit">Save filter</button></div>
              </form></td></tr>
          </c:forEach>
          </tbody>
        </table>
      </c:otherwise>
    </c:choose>
    <form class="grid" hx-post="/api/accounts/${a.account().id()}/filters" hx-swap="none" data-refresh="#filter-list" data-notice="Filter added">
      <lu:field label="Name" name="name" maxlength="100"/>
      <label>Action <select name="filter_action"><c:forEach var="o" items="${choices.filterActions}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
      <label>On <select name="filter_type"><c:forEach var="o" items="${choices.filterTypes}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach></select></label>
      <lu:field label="Value" name="filter_value"/>
      <div><button class="primary" type="submit">Add filter</button></div>
    </form>
  </section>
</c:forEach>
