<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Set up">
  <div class="gate panel">
    <h1>Welcome to Lineup</h1>
    <p class="muted small">Create the admin account first: it protects your provider logins, the web UI and the API.
      Choose a password of at least 10 characters.</p>
    <c:if test="${not empty error}"><p class="problem-inline" role="alert"><c:out value="${error}"/></p></c:if>
    <form class="stack" method="post" action="/setup">
      <label>Username <input name="username" autocomplete="username" required autofocus maxlength="64" value="<c:out value='${username}'/>">
        <span class="field-error" data-error-for="username"><c:out value="${errors.username}"/></span></label>
      <label>Password <input name="password" type="password" autocomplete="new-password" required minlength="10">
        <span class="field-error" data-error-for="password"><c:out value="${errors.password}"/></span></label>
      <label>Password again <input name="confirmation" type="password" autocomplete="new-password" required minlength="10">
        <span class="field-error" data-error-for="confirmation"><c:out value="${errors.confirmation}"/></span></label>
      <div><button class="primary" type="submit">Create admin and sign in</button></div>
    </form>
  </div>
</l:page>
