<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<l:page title="Backup & restore">
  <h1>Backup &amp; restore</h1>
  <p class="muted small">One file holds Lineup's whole setup: accounts, rulesets and rules, filters, guide sources,
    playlists (with their player URLs), Xtream users and settings. Channels are not in it: a sync brings them back.</p>

    <h2>Download a backup</h2>
    <form class="grid panel" data-backup>
      <label class="check"><input type="checkbox" name="secrets"> Include provider passwords and URLs, sealed</label>
      <label>Passphrase (8 characters or more; needed again to restore them)
        <input type="password" name="passphrase" autocomplete="new-password" minlength="8"></label>
      <div><button class="primary" type="button" data-download-backup>Download</button></div>
    </form>
    <p class="muted small">Without the box, passwords are left out and URLs that carry credentials are masked: a restore
      keeps the ones Lineup has, and tells you which accounts need them typed in again.</p>

    <h2>Restore a backup</h2>
    <form class="grid panel" data-upload="backup">
        <label>Backup file (.json)<input type="file" name="file" accept=".json,application/json"></label>
        <label>Passphrase (when its secrets are sealed)
          <input type="password" name="passphrase" autocomplete="off"></label>
        <div><button class="primary" type="button" data-check-upload>Check</button>
        <button type="button" class="danger" data-confirm-upload="Restore this backup? Objects it names are added or changed as the check shows; the others are left alone." hidden>Restore</button></div>
      <div class="report" aria-live="polite"></div>
    </form>

    <h2>Move in from the legacy IPTV proxy</h2>
    <form class="grid panel" data-upload="legacy">
        <label>Its database (iptv_proxy.db)<input type="file" name="file" accept=".db,.sqlite,.sqlite3"></label>
        <div><button class="primary" type="button" data-check-upload>Check</button>
        <button type="button" class="danger" data-confirm-upload="Import this database? Its accounts, rules, filters and playlists are added or changed as the check shows." hidden>Import</button></div>
      <div class="report" aria-live="polite"></div>
    </form>
    <p class="muted small">Accounts (with their passwords, encrypted on arrival), rulesets and tag rules, assignments,
      filters and playlist configs come over. Its channels and tags do not: sync each account afterwards. Importing
      the same file again changes nothing.</p>

    <h2>Scheduled backups</h2>
    <c:choose>
      <c:when test="${empty schedule.dir()}">
        <p class="empty">Off. Set <code>BACKUP_DIR</code> (and optionally <code>BACKUP_EVERY_HOURS</code>,
          <code>BACKUP_KEEP</code>, <code>BACKUP_PASSPHRASE</code>) to have Lineup write one on a schedule.</p>
      </c:when>
      <c:otherwise>
        <p class="small">Every <c:out value="${schedule.interval()}"/> to <code><c:out value="${schedule.dir()}"/></code>,
          the newest <c:out value="${schedule.keep()}"/> kept; provider secrets
          ${schedule.sealed() ? 'sealed with BACKUP_PASSPHRASE' : 'left out (set BACKUP_PASSPHRASE to seal them in)'}.</p>
        <c:choose>
          <c:when test="${empty schedule.files()}"><p class="muted small">No backup written yet: the first comes a few minutes after start.</p></c:when>
          <c:otherwise><ul class="small"><c:forEach items="${schedule.files()}" var="f"><li><code><c:out value="${f}"/></code></li></c:forEach></ul></c:otherwise>
        </c:choose>
      </c:otherwise>
    </c:choose>
</l:page>
