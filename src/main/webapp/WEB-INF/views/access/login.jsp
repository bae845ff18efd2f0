<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Sign in">
  <div class="gate panel">
    <h1>Sign in</h1>
    <p class="muted small">Lineup's admin account. Players do not sign in: they use their playlist's secret URL.</p>
    <c:if test="${not empty error}"><p class="problem-inline" role="alert"><c:out value="${error}"/></p></c:if>
    <form class="stack" method="post" action="/login">
      <input type="hidden" name="next" value="<c:out value='${next}'/>">
      <label>Username <input name="username" autocomplete="username" required autofocus value="<c:out value='${username}'/>"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <div><button class="primary" type="submit">Sign in</button></div>
    </form>
    <p class="muted small">Forgot the password? Start Lineup once with <code>RESET_ADMIN=true</code>: it removes the admin, and this page leads to setup again.</p>
  </div>
</l:page>
