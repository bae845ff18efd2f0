<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Set up">
  <div class="gate panel">
    <h1>Welcome to Lineup</h1>
    <p class="muted small">Create the admin account first: it protects your provider logins, the web UI and the API.
      Choose a password of at least 10 characters.</p>
    <p class="muted small">To prove this is your server, enter the setup code from Lineup's log: the line
      "Lineup has no admin yet: … enter the setup code XXXX-XXXX-XXXX" (in the terminal of <code>./mvnw -Prun</code>,
      or <code>docker compose logs lineup</code>).</p>
    <c:if test="${not empty error}"><p class="problem-inline" role="alert"><c:out value="${error}"/></p></c:if>
    <form class="stack" method="post" action="/setup">
      <lu:field label="Setup code" name="setup_code" autocomplete="off" required="" autofocus="" maxlength="20" placeholder="XXXX-XXXX-XXXX" spellcheck="false" value="${setupCode}" error="${errors.setup_code}"/>
      <lu:field label="Username" name="username" autocomplete="username" required="" maxlength="64" value="${username}" error="${errors.username}"/>
      <lu:field label="Password" name="password" type="password" autocomplete="new-password" required="" minlength="10" error="${errors.password}"/>
      <lu:field label="Password again" name="confirmation" type="password" autocomplete="new-password" required="" minlength="10" error="${errors.confirmation}"/>
      <div><button class="primary" type="submit">Create admin and sign in</button></div>
    </form>
  </div>
</l:page>
