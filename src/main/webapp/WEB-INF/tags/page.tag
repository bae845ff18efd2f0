<%@ tag pageEncoding="UTF-8" trimDirectiveWhitespaces="true" description="The page layout: head, navigation, error slot" %>
<%@ attribute name="title" required="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><c:out value="${title}"/> · Lineup</title>
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
  <%-- Pages allow scripts and styles from this server only (Content-Security-Policy): htmx must not add its own <style>. --%>
  <meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="icon" href="/favicon.ico" sizes="32x32">
  <link rel="stylesheet" href="/static/lineup.css">
  <script src="${htmx}" defer></script>
  <script src="/static/lineup.js" defer></script>
</head>
<body hx-ext="json">
  <header class="bar">
    <c:choose><c:when test="${active == 'login' || active == 'setup'}">
    <nav aria-label="Main"><span class="brand">Lineup</span></nav>
    </c:when><c:otherwise>
    <nav aria-label="Main">
      <a class="brand" href="/">Lineup</a>
      <a class="tab" href="/" ${active == 'dashboard' ? 'aria-current="page"' : ''}>Dashboard</a>
      <a class="tab" href="/accounts" ${active == 'accounts' ? 'aria-current="page"' : ''}>Accounts</a>
      <a class="tab" href="/preview" ${active == 'preview' ? 'aria-current="page"' : ''}>Preview</a>
      <a class="tab" href="/tags" ${active == 'tags' ? 'aria-current="page"' : ''}>Tags &amp; rules</a>
      <a class="tab" href="/filters" ${active == 'filters' ? 'aria-current="page"' : ''}>Filters</a>
      <a class="tab" href="/guides" ${active == 'guides' ? 'aria-current="page"' : ''}>Guides</a>
      <a class="tab" href="/playlists" ${active == 'playlists' ? 'aria-current="page"' : ''}>Playlists</a>
      <a class="tab" href="/players" ${active == 'players' ? 'aria-current="page"' : ''}>Players</a>
      <a class="tab" href="/streams" ${active == 'streams' ? 'aria-current="page"' : ''}>Streams</a>
      <a class="tab" href="/backup" ${active == 'backup' ? 'aria-current="page"' : ''}>Backup</a>
      <a class="tab" href="/access" ${active == 'access' ? 'aria-current="page"' : ''}>Access</a>
      <form class="signout" method="post" action="/logout">
        <input type="hidden" name="csrf_token" value="${csrfToken}">
        <button type="submit" title="Signs out every browser">Sign out <c:out value="${pageContext.request.userPrincipal.name}"/></button>
      </form>
    </nav>
    </c:otherwise></c:choose>
  </header>
  <main>
    <jsp:doBody/>
  </main>
  <div id="error-slot" aria-live="assertive"></div>
</body>
</html>
