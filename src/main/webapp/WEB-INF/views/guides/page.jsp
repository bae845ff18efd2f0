<%@ page pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="l" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="lu" uri="/lineup" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<l:page title="Guides">
  <h1>Guides</h1>
  <p class="muted small">Every channel looks for its programme guide by itself after each sync: first by the guide id
    its provider gives, then by its name, in its account's own guide and the sources below.
    Sure matches apply at once; close ones wait here for you. What you decide stays, through syncs and renames.</p>

  <h2>Channels and their guides</h2>
  <div id="match-list" hx-get="/guides/list" hx-include="#match-filters" hx-trigger="refresh"><jsp:include page="list.jsp"/></div>

  <h2 id="merged">Merged channels</h2>
  <p class="muted small">Channels carried by several sources (the same guide channel, or the same country and name) are
    one channel: a playlist with “One entry per channel carried by several accounts” lists it once, with its first
    source's stream; the others are its failover order. Split a source off when it is another channel.</p>
  <div id="merged-list" hx-get="/guides/merged" hx-trigger="load, refresh"><p class="muted small">Loading…</p></div>

  <h2 id="sources">Extra guide sources</h2>
  <p class="muted small">XMLTV guides that are not an account's (an epgshare01 file, your own grabber): fetched now
    and every few hours, then matched against every account's channels.</p>
  <div id="source-list" hx-get="/guides/sources" hx-trigger="refresh"><jsp:include page="sources.jsp"/></div>
  <h3 id="add">New guide source</h3>
  <form class="grid panel" hx-post="/api/guide-sources" hx-swap="none" data-refresh="#source-list" data-reset
        data-notice="Guide source added; its guide is being fetched">
    <lu:field label="Name" name="name" maxlength="100" autocomplete="off"/>
    <lu:field label="XMLTV URL (.xml or .xml.gz)" name="url" type="url" maxlength="4096" autocomplete="off"/>
    <lu:field label="Priority (lower first)" name="priority" type="number" min="0" max="1000" value="100" data-type="number"/>
    <lu:field label="Refresh every (hours)" name="refresh_hours" type="number" min="1" max="720" value="24" data-type="number"/>
    <div><button class="primary" type="submit">Add source</button></div>
  </form>
</l:page>
