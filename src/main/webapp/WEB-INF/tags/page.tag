<%@ tag pageEncoding="UTF-8" trimDirectiveWhitespaces="true" description="The page layout: head, navigation, error slot" %>
<%@ attribute name="title" required="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><c:out value="${title}"/> · Lineup</title>
  <link rel="stylesheet" href="/static/lineup.css">
  <script src="${htmx}" defer></script>
  <script src="/static/lineup.js" defer></script>
</head>
<body hx-ext="json">
  <header class="bar">
    <nav aria-label="Main">
      <a class="brand" href="/">Lineup</a>
      <a class="tab" href="/" ${active == 'dashboard' ? 'aria-current="page"' : ''}>Dashboard</a>
      <a class="tab" href="/accounts" ${active == 'accounts' ? 'aria-current="page"' : ''}>Accounts</a>
      <a class="tab" href="/preview" ${active == 'preview' ? 'aria-current="page"' : ''}>Preview</a>
      <a class="tab" href="/tags" ${active == 'tags' ? 'aria-current="page"' : ''}>Tags &amp; rules</a>
      <a class="tab" href="/filters" ${active == 'filters' ? 'aria-current="page"' : ''}>Filters</a>
      <a class="tab" href="/playlists" ${active == 'playlists' ? 'aria-current="page"' : ''}>Playlists</a>
    </nav>
  </header>
  <main>
    <jsp:doBody/>
  </main>
  <div id="error-slot" aria-live="assertive"></div>
</body>
</html>
