// Lineup's web UI glue for htmx: JSON forms to the REST API, one error slot for problem answers,
// live sync progress from the sync's server-sent events, and copy buttons.
(function () {
  "use strict";

  /** Form values as the API's JSON: numbers, booleans, lists and nulls by data-type. */
  function formJson(form) {
    const body = {};
    for (const el of form.querySelectorAll("input[name], select[name], textarea[name]")) {
      if (el.disabled) continue;
      const type = el.dataset.type || (el.type === "checkbox" ? "boolean" : "string");
      let value;
      if (type === "boolean") value = el.checked;
      else if (el.multiple) value = [...el.selectedOptions].map(o => cast(o.value, el.dataset.items));
      else if (type === "list") value = el.value.split(",").map(s => s.trim()).filter(Boolean).map(v => cast(v, el.dataset.items));
      else if (el.value === "" && el.dataset.empty !== "keep") { if (el.dataset.empty === "null") value = null; else continue; }
      else value = cast(el.value, type);
      body[el.name] = value;
    }
    return body;
  }
  function cast(value, type) { return type === "number" ? Number(value) : value; }

  /** This session's CSRF token (the page's meta tag); every state-changing request sends it. */
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  document.addEventListener("htmx:configRequest", evt => { evt.detail.headers["X-CSRF-Token"] = csrf(); });
  /** A new session (a password change) comes with its new token. */
  document.addEventListener("htmx:afterRequest", evt => {
    const token = evt.detail.xhr && evt.detail.xhr.getResponseHeader("X-CSRF-Token");
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (token && meta) meta.content = token;
  });

  htmx.defineExtension("json", {
    onEvent: function (name, evt) {
      if (name === "htmx:configRequest") evt.detail.headers["Content-Type"] = "application/json";
    },
    encodeParameters: function (xhr, parameters, elt) {
      xhr.overrideMimeType("text/json");
      if (elt.dataset && elt.dataset.json) return elt.dataset.json; // a button's fixed body
      const form = elt.closest("form") || elt;
      return JSON.stringify(form.tagName === "FORM" ? formJson(form) : {});
    }
  });

  const slot = () => document.getElementById("error-slot");
  /** Shows a message in the page's one error slot (role=alert, so screen readers say it). */
  function show(kind, title, detail) {
    const box = document.createElement("div");
    box.className = "problem" + (kind === "notice" ? " notice" : "");
    box.setAttribute("role", kind === "notice" ? "status" : "alert");
    const strong = document.createElement("strong"); strong.textContent = title;
    const text = document.createElement("div"); text.textContent = detail || "";
    const close = document.createElement("button"); close.type = "button"; close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss"); close.onclick = () => box.remove();
    box.append(strong, text, close);
    slot().replaceChildren(box);
    if (kind === "notice") setTimeout(() => box.remove(), detail && detail.length > 80 ? 12000 : 4000);
  }
  window.Lineup = { show };

  /** A result as short lines: "key: value", nested objects one level deep. */
  function summary(json) {
    return Object.entries(json).filter(([k]) => k !== "success").map(([k, v]) =>
      `${k.replaceAll("_", " ")}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : v}`).join("\n");
  }

  function problemOf(xhr) {
    try { return JSON.parse(xhr.responseText); } catch (e) { return { title: "Error " + xhr.status, detail: xhr.statusText }; }
  }

  document.addEventListener("htmx:beforeRequest", evt => {
    const form = evt.detail.elt.closest && evt.detail.elt.closest("form");
    if (form) form.querySelectorAll("[data-error-for]").forEach(e => e.textContent = "");
  });
  document.addEventListener("htmx:responseError", evt => {
    const xhr = evt.detail.xhr;
    const problem = problemOf(xhr);
    const form = evt.detail.elt.closest && evt.detail.elt.closest("form");
    for (const error of problem.errors || []) {
      const target = form && form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
      if (target) target.textContent = error.message;
    }
    show("problem", problem.title || "Error", problem.detail || "");
  });
  document.addEventListener("htmx:sendError", () => show("problem", "Lineup is not reachable", "Check that the server runs, then try again."));
  document.addEventListener("htmx:afterRequest", evt => {
    const elt = evt.detail.elt;
    if (!evt.detail.successful || !elt.dataset) return;
    if (elt.dataset.notice) show("notice", elt.dataset.notice, "");
    if (elt.dataset.result) {
      let text = evt.detail.xhr.responseText;
      try { text = summary(JSON.parse(text)); } catch (e) { /* not JSON: as it came */ }
      if (elt.dataset.result === "notice") show("notice", "Done", text);
      else document.querySelectorAll(elt.dataset.result).forEach(target => { target.textContent = text; });
    }
    if (elt.dataset.secret) {
      // A secret shown once (a new API token, or an Xtream login's password): its value with a
      // copy button, and the warning.
      const made = JSON.parse(evt.detail.xhr.responseText);
      const box = document.querySelector(elt.dataset.secret);
      const secret = made.token || made.password;
      const code = document.createElement("code"); code.className = "secret"; code.textContent = secret;
      const copy = document.createElement("button"); copy.type = "button"; copy.textContent = "Copy";
      copy.dataset.copyText = secret;
      const note = document.createElement("p"); note.className = "small";
      if (made.token) {
        note.textContent = `Token “${made.name}”: copy it now, it is not shown again.`;
        box.replaceChildren(note, code, " ", copy);
      } else {
        note.textContent = `Type these into the player (Xtream Codes). The password is not shown again.`;
        const line = (label, value) => {
          const row = document.createElement("div"); row.className = "small";
          const v = document.createElement("code"); v.className = "secret"; v.textContent = value;
          row.append(label + " ", v); return row;
        };
        const password = document.createElement("div"); password.className = "small";
        password.append("Password ", code, " ", copy);
        box.replaceChildren(note, line("Server", made.server), line("Username", made.username), password);
      }
    }
    if (elt.dataset.reset !== undefined && elt.tagName === "FORM") elt.reset();
    for (const selector of (elt.dataset.refresh || "").split(",").map(s => s.trim()).filter(Boolean)) {
      document.querySelectorAll(selector).forEach(target => htmx.trigger(target, "refresh"));
    }
  });

  /** Starts (or follows) the account's sync and shows its progress in the card until it ends. */
  window.Lineup.sync = async function (button, accountId, force) {
    const card = button.closest(".card");
    button.disabled = true;
    const before = await lastRunId(accountId);
    const response = await fetch(`/api/accounts/${accountId}/sync?async=true${force ? "&force=true" : ""}`,
      { method: "POST", headers: { Accept: "application/json", "X-CSRF-Token": csrf() } });
    if (!response.ok && response.status !== 409) {
      const problem = await response.json().catch(() => ({ title: "Sync failed" }));
      show("problem", problem.title, problem.detail);
      button.disabled = false;
      return;
    }
    follow(card, accountId, before);
  };

  /** The account's sync status (the API's), or null when it cannot be read. */
  const syncStatus = accountId =>
    fetch(`/api/accounts/${accountId}/sync/status`).then(r => r.json()).catch(() => null);

  async function lastRunId(accountId) {
    const status = await syncStatus(accountId);
    return status && status.last_run ? status.last_run.run_id : null;
  }

  /** One follower per account: a card re-rendered while its sync runs keeps the same one. */
  const followers = {};

  /**
   * Shows the sync's progress events in the account's card (found by id each time, so a card
   * re-rendered meanwhile still shows them); refreshes the card when the run is done. An "idle"
   * event means no sync runs right now: either it has not started yet (keep waiting) or it ended
   * before the events connected (the last run is a new one: refresh).
   */
  function follow(card, accountId, before) {
    const running = followers[accountId];
    if (running && !running.finished) return;
    const state = { finished: false };
    followers[accountId] = state;
    const parts = () => {
      const current = document.getElementById("account-" + accountId) || card;
      const box = current.querySelector(".progress");
      box.hidden = false;
      return { current, bar: box.querySelector("progress"), label: box.querySelector("span") };
    };
    const events = new EventSource(`/api/accounts/${accountId}/sync/events`);
    const finish = text => {
      if (state.finished) return;
      state.finished = true;
      events.close();
      const { current, bar, label } = parts();
      bar.max = 1; bar.value = 1;
      label.textContent = text;
      htmx.trigger(current, "refresh");
    };
    parts();
    events.addEventListener("progress", e => {
      const p = JSON.parse(e.data);
      const { bar, label } = parts();
      if (p.total > 0) { bar.max = p.total; bar.value = p.done; } else bar.removeAttribute("value");
      label.textContent = p.phase.replaceAll("_", " ") + (p.total > 0 ? ` — ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : "");
    });
    events.addEventListener("done", e => finish("done: " + JSON.parse(e.data).status));
    events.addEventListener("idle", async () => {
      for (let i = 0; i < 20 && !state.finished; i++) {
        const status = await syncStatus(accountId);
        if (status && !status.running && status.last_run && status.last_run.run_id !== before) {
          finish("done: " + status.last_run.status);
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });
    events.onerror = () => { if (!state.finished) finish("connection lost"); };
  }
  window.Lineup.follow = follow;

  // No inline handlers or scripts in the pages (Content-Security-Policy: scripts from this server
  // only): buttons and cards say what they need in data attributes, handled here.
  document.addEventListener("click", evt => {
    const sync = evt.target.closest("button[data-sync]");
    if (sync) window.Lineup.sync(sync, Number(sync.dataset.sync), sync.dataset.force !== undefined);
    const toggle = evt.target.closest("[data-toggle-next-row]");
    if (toggle) {
      const row = toggle.closest("tr").nextElementSibling;
      row.hidden = !row.hidden;
    }
  });
  /** A card whose account is syncing when it is rendered follows that sync's progress. */
  const followRunning = root => {
    const cards = root.matches && root.matches("[data-follow]") ? [root] : [];
    root.querySelectorAll("[data-follow]").forEach(card => cards.push(card));
    cards.forEach(card => follow(card, Number(card.dataset.account), null));
  };
  document.addEventListener("DOMContentLoaded", () => followRunning(document));
  document.addEventListener("htmx:load", evt => followRunning(evt.detail.elt));
  /** A channel logo that does not load gives way to the same placeholder as a channel without one. */
  document.addEventListener("error", evt => {
    if (evt.target.matches && evt.target.matches("img.logo")) {
      const placeholder = document.createElement("span");
      placeholder.className = "logo placeholder";
      placeholder.setAttribute("aria-hidden", "true");
      evt.target.replaceWith(placeholder);
    }
  }, true);

  /**
   * The preview's search, tags and switches are kept in the page's address as they change, so the
   * browser's back button (after following a row's link) and a reload come back to the same view.
   */
  document.addEventListener("htmx:afterRequest", evt => {
    const form = evt.detail.elt;
    if (!form || form.id !== "preview-form" || !evt.detail.successful) return;
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "") params.append(name, value);
    }
    history.replaceState(history.state, "", "/preview?" + params.toString());
  });

  /**
   * Tag chips: an input with data-chips becomes chips plus a text box with the same suggestions
   * (datalist); Enter, comma or picking a suggestion adds a chip, Backspace in the empty box or ×
   * removes one. The original input (hidden) keeps the comma list the server reads.
   */
  function chips(input) {
    if (input.dataset.chipsReady) return;
    input.dataset.chipsReady = "1";
    const box = document.createElement("div");
    box.className = "chips";
    const entry = document.createElement("input");
    entry.type = "text";
    entry.className = "chip-entry";
    entry.placeholder = input.placeholder;
    entry.setAttribute("aria-label", input.closest("label") ? input.closest("label").textContent.trim() : "tags");
    if (input.getAttribute("list")) entry.setAttribute("list", input.getAttribute("list"));
    input.type = "hidden";
    input.after(box);
    box.append(entry);
    const values = () => input.value.split(",").map(v => v.trim()).filter(Boolean);
    const changed = () => input.dispatchEvent(new Event("change", { bubbles: true }));
    function render() {
      box.querySelectorAll(".chip").forEach(c => c.remove());
      for (const value of values()) {
        const chip = document.createElement("span");
        chip.className = "tag chip";
        chip.textContent = value;
        const x = document.createElement("button");
        x.type = "button"; x.textContent = "×"; x.setAttribute("aria-label", "Remove " + value);
        x.onclick = () => { input.value = values().filter(v => v !== value).join(","); render(); changed(); entry.focus(); };
        chip.append(x);
        box.insertBefore(chip, entry);
      }
    }
    function add() {
      const value = entry.value.replace(",", "").trim();
      entry.value = "";
      if (!value || values().some(v => v.toUpperCase() === value.toUpperCase())) return;
      input.value = values().concat(value).join(",");
      render(); changed();
    }
    entry.addEventListener("keydown", e => {
      if (e.key === "Enter" || e.key === ",") { e.preventDefault(); add(); }
      else if (e.key === "Backspace" && entry.value === "" && values().length) {
        input.value = values().slice(0, -1).join(","); render(); changed();
      }
    });
    entry.addEventListener("change", e => { e.stopPropagation(); if (entry.value.trim()) add(); });
    entry.addEventListener("input", e => e.stopPropagation());
    render();
  }
  const initChips = root => root.querySelectorAll("input[data-chips]").forEach(chips);
  document.addEventListener("DOMContentLoaded", () => initChips(document));
  document.addEventListener("htmx:load", evt => initChips(evt.detail.elt));

  document.addEventListener("click", evt => {
    const copy = evt.target.closest("[data-copy], [data-copy-text]");
    if (!copy) return;
    const url = copy.dataset.copy !== undefined;
    const text = url ? new URL(copy.dataset.copy, location.href).href : copy.dataset.copyText;
    (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject()).then(
      () => show("notice", "Copied", url ? text : ""), () => show("notice", "Copy this", text));
  });
  /**
   * The backup page. Downloads go through fetch, so a passphrase travels in the
   * X-Backup-Passphrase header (never in a URL); uploads are checked first (dry run), their report
   * shown object by object, and only a confirmed second press stores them.
   */
  const passphraseOf = form => (form.querySelector("input[name=passphrase]") || {}).value || "";
  async function download(form) {
    const secrets = form.querySelector("input[name=secrets]").checked;
    const headers = { Accept: "application/json" };
    if (secrets) headers["X-Backup-Passphrase"] = passphraseOf(form);
    const response = await fetch("/api/backup" + (secrets ? "?secrets=true" : ""), { headers });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ title: "Backup failed" }));
      show("problem", problem.title, problem.detail);
      return;
    }
    const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = name ? name[1] : "lineup-backup.json";
    document.body.append(link); link.click(); link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    show("notice", "Backup downloaded", secrets ? "Its provider secrets are sealed with your passphrase." : "Provider secrets are not in it.");
  }
  function renderReport(box, report) {
    const t = report.totals;
    const head = document.createElement("p");
    head.textContent = (report.dry_run ? "A restore would: " : "Done: ") +
      `${t.added} added, ${t.changed} changed, ${t.unchanged} unchanged, ${t.left_alone} left alone` +
      (t.renamed ? `, ${t.renamed} renamed` : "") + (t.skipped ? `, ${t.skipped} skipped` : "") + ".";
    const table = document.createElement("table");
    const header = table.createTHead().insertRow();
    for (const title of ["What", "Name", "Action", "Notes"]) {
      const th = document.createElement("th"); th.textContent = title; header.append(th);
    }
    const body = table.createTBody();
    for (const item of report.items) {
      const row = body.insertRow();
      row.className = "action-" + item.action;
      for (const text of [item.kind.replaceAll("_", " "), item.name, item.action.replaceAll("_", " "), item.notes.join(" ")]) {
        row.insertCell().textContent = text;
      }
    }
    const notes = document.createElement("ul");
    for (const note of report.notes) { const li = document.createElement("li"); li.textContent = note; notes.append(li); }
    box.replaceChildren(head, notes, table);
  }
  async function upload(form, dryRun) {
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) { show("problem", "Choose a file first", ""); return; }
    const legacy = form.dataset.upload === "legacy";
    const headers = { Accept: "application/json", "X-CSRF-Token": csrf(),
      "Content-Type": legacy ? "application/octet-stream" : "application/json" };
    if (passphraseOf(form)) headers["X-Backup-Passphrase"] = passphraseOf(form);
    const url = (legacy ? "/api/import/legacy" : "/api/backup") + (dryRun ? "?dry_run=true" : "");
    const confirm = form.querySelector("button[data-confirm-upload]");
    confirm.hidden = true;
    const response = await fetch(url, { method: "POST", headers, body: file });
    const json = await response.json().catch(() => ({ title: "Error " + response.status }));
    if (!response.ok) {
      const where = (json.errors || []).map(e => `${e.field}: ${e.message}`).join("; ");
      show("problem", json.title || "Refused", where || json.detail || "");
      return;
    }
    renderReport(form.querySelector(".report"), json);
    if (dryRun) confirm.hidden = false;
    else show("notice", legacy ? "Imported" : "Restored", "");
  }
  document.addEventListener("click", evt => {
    const down = evt.target.closest("button[data-download-backup]");
    if (down) download(down.closest("form"));
    const check = evt.target.closest("button[data-check-upload]");
    if (check) upload(check.closest("form"), true);
    const store = evt.target.closest("button[data-confirm-upload]");
    if (store && window.confirm(store.dataset.confirmUpload)) upload(store.closest("form"), false);
  });
  /** Enter in a passphrase box must not submit it in a URL. */
  document.addEventListener("submit", evt => {
    if (evt.target.matches("form[data-upload], form[data-backup]")) evt.preventDefault();
  });
  document.addEventListener("change", evt => {
    if (evt.target.matches("form[data-upload] input[type=file]")) {
      const form = evt.target.closest("form");
      form.querySelector("button[data-confirm-upload]").hidden = true;
      form.querySelector(".report").replaceChildren();
    }
  });
})();
