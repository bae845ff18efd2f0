<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<l:page title="Accounts">
  <div class="toolbar">
    <h1 class="grow">Accounts</h1>
    <button class="primary" hx-post="/api/sync/all" hx-swap="none" data-refresh="#account-list"
            data-notice="Every enabled account has synced">Sync all <span class="spinner"></span></button>
  </div>
  <div id="account-list" hx-get="/accounts/cards" hx-trigger="refresh" hx-swap="innerHTML">
    <jsp:include page="cards.jsp"/>
  </div>

  <h2 id="add">Add an account</h2>
  <form class="grid panel" hx-post="/api/accounts" hx-swap="none" data-refresh="#account-list" data-reset
        data-notice="Account added: press Sync on its card to store its channels">
    <lu:field label="Name" name="name" maxlength="100" autocomplete="off"/>
    <label>Type
      <select name="provider_type">
        <c:forEach var="o" items="${choices.providerTypes}"><option value="${o.code()}"><c:out value="${o.label()}"/></option></c:forEach>
      </select>
      <span class="field-error" data-error-for="provider_type"></span></label>
    <lu:field label="Server (Xtream) or playlist URL (M3U)" name="server" placeholder="http://provider.example:8080" autocomplete="off"/>
    <lu:field label="Username" name="username" autocomplete="off"/>
    <lu:field label="Password" name="password" type="password" autocomplete="new-password"/>
    <lu:field label="Sync every … hours (empty: the default)" name="sync_interval_hours" type="number" min="0" max="8760" data-type="number"/>
    <lu:field label="Guide URL (optional, replaces the provider's)" name="epg_url" placeholder="https://…/guide.xml.gz" autocomplete="off"/>
    <div><button class="primary" type="submit">Add account <span class="spinner"></span></button></div>
  </form>
</l:page>
