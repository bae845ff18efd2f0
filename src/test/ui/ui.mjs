// End-to-end walk through Lineup's web UI in headless Chromium (run by BrowserIT, which starts the
// fake provider and passes it in the environment). Exits non-zero with the first failed check.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";

const base = process.env.BASE_URL;
const provider = { url: process.env.PROVIDER_URL, user: process.env.PROVIDER_USER, pass: process.env.PROVIDER_PASS };
const shots = process.env.SCREENSHOTS || "target/screenshots";
const name = process.env.ACCOUNT_NAME;
const admin = { user: process.env.ADMIN_USER, pass: process.env.ADMIN_PASSWORD };
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error("check failed: " + message);
  console.log("ok - " + message);
}

// axe-core, pinned in package.json, run in each page through the DevTools protocol (page.evaluate
// is not subject to the pages' Content-Security-Policy).
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const pages = ["/", "/accounts", "/preview", "/tags", "/filters", "/guides", "/playlists", "/players", "/streams", "/backup", "/access"];

/** axe-core's serious and critical violations on the page now, as "rule: target" lines. */
async function axeViolations() {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .flatMap(v => v.nodes.slice(0, 3).map(n => `${v.id} (${v.impact}): ${n.target.join(" ")}`));
}

/**
 * Presses Tab until the element {@code locator} points at has the focus (by keyboard alone). The
 * locator is looked up again at each step: a card that htmx re-renders meanwhile is a new element.
 */
async function tabTo(locator, what) {
  for (let i = 0; i < 800; i++) {
    const focused = await locator.first().evaluate(el => el === document.activeElement, null, { timeout: 5000 }).catch(() => false);
    if (focused) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("check failed: Tab never reached " + what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
const page = await context.newPage();
page.setDefaultTimeout(30000);
const pageErrors = [];
page.on("pageerror", e => pageErrors.push(e.message));
// The pages run under a Content-Security-Policy (scripts and styles from Lineup only): Chromium
// reports each thing it blocked on the console.
const blocked = [];
page.on("console", m => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
page.on("dialog", dialog => dialog.accept());

/** Waits until the preview's total is "below" or "equal" to arg (htmx has swapped the answer in). */
async function totalBecomes(test, arg) {
  await page.waitForFunction(([test, arg]) => {
    const total = document.querySelector("#total strong");
    const n = total && Number(total.textContent.replace(/[^0-9]/g, ""));
    return total && (test === "below" ? n < arg : n === arg);
  }, [test, arg]);
}

try {
  // Signed out, a page leads to the sign-in form; a wrong password is refused there, the right one
  // leads back to the page first asked for.
  await page.goto(base + "/accounts");
  check(new URL(page.url()).pathname === "/login", "a signed-out browser is sent to sign in");
  await page.screenshot({ path: `${shots}/login.png`, fullPage: false });
  await page.locator("input[name=username]").fill(admin.user);
  await page.locator("input[name=password]").fill("not the password");
  await page.locator("button[type=submit]").click();
  await page.locator("[role=alert]", { hasText: "Wrong username or password" }).waitFor();
  check(true, "a wrong password shows 'Wrong username or password'");
  await page.locator("input[name=password]").fill(admin.pass);
  await page.locator("button[type=submit]").click();
  await page.waitForURL(url => new URL(url).pathname === "/accounts");
  check(true, "signed in, the browser is back on the page it asked for");

  // Accounts: the server's validation message shows next to its field.
  const form = page.locator("form[hx-post='/api/accounts']");
  await form.locator("input[name=name]").fill(name);
  await form.locator("button[type=submit]").click();
  await page.locator("[data-error-for=server]").filter({ hasText: /required/ }).waitFor();
  check(await page.locator("#error-slot .problem").isVisible(), "a bad account shows the server's problem in the error slot");

  // Add the account against the fake provider.
  await form.locator("input[name=server]").fill(provider.url);
  await form.locator("input[name=username]").fill(provider.user);
  await form.locator("input[name=password]").fill(provider.pass);
  await form.locator("button[type=submit]").click();
  const card = page.locator("article.card", { has: page.locator("h3", { hasText: name }) });
  await card.waitFor();
  check((await card.locator(".badge.api").textContent()).includes("API only"), "a new account is 'API only'");

  // Sync it: the progress bar runs to "done", then the badge turns to Database with counts.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => document.querySelectorAll(".progress span").forEach(s => {
      if (window.__progress[window.__progress.length - 1] !== s.textContent) window.__progress.push(s.textContent);
    })).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await card.locator("button.sync").click();
  await card.locator(".progress").waitFor({ state: "visible" }).catch(() => {});
  await page.locator("article.card", { has: page.locator("h3", { hasText: name }) }).locator(".badge.db").waitFor({ timeout: 60000 });
  const synced = page.locator("article.card", { has: page.locator("h3", { hasText: name }) });
  const channels = Number((await synced.locator(".count").textContent()).replace(/[^0-9]/g, ""));
  check(channels > 1000, `after the sync the card shows ${channels} channels and the Database badge`);
  const accountId = await synced.getAttribute("data-account");
  await page.waitForFunction(() => window.__progress.some(t => t.startsWith("done")));
  await page.waitForLoadState("networkidle"); // the card's refresh after "done" has landed
  const seen = await page.evaluate(() => window.__progress);
  check(seen.some(t => t.startsWith("done")), `the progress bar showed the sync's phases to the end: ${seen.join(" → ")}`);
  const subscription = (await synced.locator(".subscription").textContent()).replace(/\s+/g, " ");
  check(/Expires in 10 days/.test(subscription) && subscription.includes("2 connections · 1 in use"),
    `the card warns of the subscription's end: "${subscription.trim()}"`);
  const stored = (await (await page.request.get(`${base}/api/accounts/${accountId}/sync/status`)).json()).active_channels;
  const lastPoint = Number(await synced.locator("figure.chart svg").first().getAttribute("data-last"));
  check(lastPoint === stored, `the channel chart's last point (${lastPoint}) is the stored count (${stored})`);
  check(await synced.locator("figure.chart svg circle title").count() > 0, "each chart point carries its exact figure");

  // Edit it: the server's validation shows, then a valid change is saved. (Retried if the card is
  // re-rendered under the test's hands, as a late refresh may do.)
  const card2 = () => page.locator(`#account-${accountId}`);
  const editForm = async () => {
    const details = card2().locator("details", { has: page.locator("summary", { hasText: "Edit" }) });
    await details.evaluate(d => { d.open = true; });
    return details;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const edit = await editForm();
      await edit.locator("input[name=name]").fill(" ", { timeout: 5000 });
      await edit.locator("button[type=submit]").click({ timeout: 5000 });
      await card2().locator("[data-error-for=name]").filter({ hasText: /required/ }).waitFor({ timeout: 5000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  check(true, "an invalid edit shows the server's message next to the field");
  for (let attempt = 0; ; attempt++) {
    try {
      const edit = await editForm();
      await edit.locator("input[name=name]").fill(name, { timeout: 5000 });
      await edit.locator("input[name=sync_interval_hours]").fill("12", { timeout: 5000 });
      await edit.locator("button[type=submit]").click({ timeout: 5000 });
      await page.waitForFunction(async id => (await (await fetch(`/api/accounts/${id}`)).json()).sync_interval_hours === 12, accountId, { timeout: 5000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  check(true, "a valid edit is saved");
  await page.screenshot({ path: `${shots}/accounts.png`, fullPage: true });

  // Preview: a search narrows the table; a tag keeps only tagged channels. The search documents
  // are written in the background after a sync: wait for them first.
  for (let i = 0; i < 100; i++) {
    const state = await (await page.request.get(`${base}/api/accounts/${accountId}/preview?limit=1`)).json();
    if (!state.search_pending) break;
    await page.waitForTimeout(200);
  }
  await page.goto(`${base}/preview?account=${accountId}`);
  check((await page.locator("#data-source").textContent()).trim() === "Database", "the preview of a synced account reads the database");
  const totalOf = async () => Number((await page.locator("#total strong").textContent()).replace(/[^0-9]/g, ""));
  const all = await totalOf();
  await page.locator("#search").fill("sport");
  await totalBecomes("below", all);
  const sports = await totalOf();
  check(sports > 0 && sports < all, `searching "sport" narrows ${all} channels to ${sports}`);
  const names = await page.locator("tr.channel td:nth-child(2)").allTextContents();
  check(names.length > 0 && names.every(n => /sport/i.test(n.normalize("NFKD"))), "every row found matches the search");
  const firstTag = (await page.locator("tr.channel .tag").first().textContent()).trim();
  await page.locator(".chips .chip-entry").fill(firstTag);
  await page.locator(".chips .chip-entry").press("Enter");
  check(await page.locator(".chips .chip").count() === 1, "a tag typed and entered becomes a chip");
  const tagged = await page.waitForFunction(tag => {
    const rows = [...document.querySelectorAll("tr.channel")];
    const all = rows.length > 0 && rows.every(r => [...r.querySelectorAll(".tag")].some(t => t.textContent.trim() === tag));
    return all ? rows.length : false;
  }, firstTag, { timeout: 10000 }).then(h => h.jsonValue()).catch(() => 0);
  check(tagged > 0, `with tag ${firstTag}, every one of ${tagged} rows carries it`);
  await page.screenshot({ path: `${shots}/preview.png`, fullPage: false });

  // Infinite scroll: the whole account loads page by page without stopping early.
  await page.locator("#search").fill("");
  await page.locator(".chips .chip button").click();
  await totalBecomes("equal", all).catch(() => {});
  check(await totalOf() === all, "clearing the search and tags shows every channel again");
  for (let i = 0; i < 200 && await page.locator("tr.more").count() > 0; i++) {
    await page.locator("tr.more").scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForTimeout(150);
  }
  const loaded = await page.locator("tr.channel").count();
  check(loaded === all, `scrolling loads all ${all} channels (${loaded} rows)`);

  // "rule…" on a row opens the rules page with the channel's name as the new rule's pattern.
  const firstName = (await page.locator("tr.channel td:nth-child(2)").first().textContent()).trim();
  await page.locator("tr.channel a[title^='Make a tag rule']").first().click();
  await page.waitForURL(/\/tags\?from=/);
  check(await page.locator("form[hx-post$='/rules'] input[name=pattern]").first().inputValue() === firstName, "a preview row's rule… link fills the rule's pattern");

  // Tags & rules: a new ruleset with one rule, assigned to the account (the shared default ruleset
  // stays as it is), then "process tags" shows the new tag with its count.
  const rulesetName = name + " rules";
  const rform = page.locator("form[hx-post='/api/rulesets']");
  await rform.locator("input[name=name]").fill(rulesetName);
  await rform.locator("button[type=submit]").click();
  const ruleset = page.locator("section.ruleset", { has: page.locator("h3", { hasText: rulesetName }) });
  await ruleset.waitFor();
  const ruleForm = ruleset.locator("form[hx-post$='/rules']");
  await ruleset.locator("details", { has: page.locator("summary", { hasText: "Add a rule" }) }).evaluate(d => { d.open = true; });
  await ruleForm.locator("input[name=name]").fill("UI sports");
  await ruleForm.locator("input[name=pattern]").fill("SPORT");
  await ruleForm.locator("input[name=tag_name]").fill("UISPORT");
  await ruleForm.locator("button[type=submit]").click();
  await ruleset.locator("td .tag", { hasText: "UISPORT" }).waitFor();
  check(true, "a new ruleset shows its new rule");
  const ruleRow = ruleset.locator("tr", { has: page.locator(".tag", { hasText: "UISPORT" }) }).first();
  await ruleRow.locator("button", { hasText: "Edit" }).click();
  const ruleEdit = ruleset.locator("tr.rule-edit").first().locator("form");
  await ruleEdit.locator("input[name=priority]").fill("5");
  await ruleEdit.locator("button[type=submit]").click();
  await ruleset.locator("tr", { has: page.locator(".tag", { hasText: "UISPORT" }) }).locator("td").first().filter({ hasText: /^5$/ }).waitFor();
  check(true, "a rule's edit is saved (priority 5)");
  const assign = page.locator(`#account-tags-${accountId} form`);
  await assign.locator("select[name=ruleset_id]").selectOption({ label: rulesetName });
  await assign.locator("button[type=submit]").click();
  await page.locator(`#account-tags-${accountId} p.small`, { hasText: rulesetName }).waitFor();
  check(true, "the ruleset is assigned to the account");
  await page.locator(`#account-tags-${accountId} button`, { hasText: "Process tags" }).click();
  await page.locator(`#account-tags-${accountId} .tags-of-account .tag`, { hasText: "UISPORT" }).waitFor();
  check(true, "processing the account's tags brings the new tag, with its count");
  await page.screenshot({ path: `${shots}/tags.png`, fullPage: false });

  // Filters: a blacklist filter lowers the count of channels that pass.
  await page.goto(base + "/filters");
  const fsection = page.locator(`#filters-${accountId}`);
  const passing = async () => Number((await fsection.locator("h3 .muted").textContent()).replace(/[,.\s]/g, "").match(/\d+/)[0]);
  const before = await passing();
  const fform = fsection.locator("form");
  await fform.locator("input[name=name]").fill("No sports");
  await fform.locator("input[name=filter_value]").fill("SPORT");
  await fform.locator("button[type=submit]").click();
  await page.locator(`#filters-${accountId} td`, { hasText: "No sports" }).waitFor();
  const after = await passing();
  check(after < before, `a blacklist filter on SPORT lets ${after} of ${before} channels pass`);
  await page.screenshot({ path: `${shots}/filters.png`, fullPage: false });
  await fsection.locator("tr", { hasText: "No sports" }).locator("button.danger").click();
  await page.locator(`#filters-${accountId} td`, { hasText: "No sports" }).waitFor({ state: "detached" });

  // Playlists: create one for the account and fetch its M3U URL.
  await page.goto(base + "/playlists");
  const playlistName = name + " playlist";
  const pform = page.locator("form[hx-post='/api/playlist-configs']");
  await pform.locator("input[name=name]").fill(playlistName);
  await pform.locator("select[name=include_accounts]").selectOption(accountId);
  await pform.locator("button[type=submit]").click();
  const pcard = page.locator("article.playlist", { has: page.locator("h3", { hasText: playlistName }) });
  await pcard.waitFor();
  const m3uPath = (await pcard.locator("code.m3u").textContent()).trim();
  const m3u = await page.request.get(base + m3uPath);
  const body = await m3u.text();
  check(m3u.ok() && body.startsWith("#EXTM3U"), "the playlist's M3U URL serves an M3U");
  const entries = body.split("\n").filter(l => l.startsWith("#EXTINF")).length;
  const shown = Number((await pcard.locator(".count").textContent()).replace(/[^0-9]/g, ""));
  check(entries === shown && entries > 0, `its ${entries} entries match the ${shown} channels the card shows`);
  // Edit it: numbered from 100; the next download has the new numbers.
  const pedit = pcard.locator("details", { has: page.locator("summary", { hasText: "Edit" }) });
  await pedit.evaluate(d => { d.open = true; });
  await pedit.locator("select[name=numbering]").selectOption("sequential");
  await pedit.locator("input[name=start_number]").fill("100");
  await pedit.locator("button[type=submit]").click();
  let renumbered = "";
  for (let i = 0; i < 50 && !renumbered.includes('tvg-chno="100"'); i++) {
    await page.waitForTimeout(100);
    renumbered = await (await page.request.get(base + m3uPath)).text();
  }
  check(renumbered.split("\n")[1].includes('tvg-chno="100"'), "an edited playlist is numbered from 100");
  await pedit.evaluate(d => { d.open = false; });
  await page.screenshot({ path: `${shots}/playlists.png`, fullPage: true });

  await page.goto(base + "/");
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  const warned = page.locator("ul.attention li.kind-subscription", { hasText: name });
  check((await warned.textContent()).includes("Expires in 10 days"), "the dashboard lists the subscription about to end");

  // A sync held back by the safety gate (the provider lists nothing) is confirmed from the dashboard.
  await page.request.get(provider.url + "/__fake/behave/EMPTY_LISTS");
  const held = await (await page.request.post(`${base}/api/accounts/${accountId}/sync`,
    { headers: { "X-CSRF-Token": await page.locator("meta[name=csrf-token]").getAttribute("content") } })).json();
  check(held.status === "suspicious", "a sync of an empty list is held back by the safety gate");
  await page.request.get(provider.url + "/__fake/behave/HEALTHY");
  await page.goto(base + "/");
  const heldItem = page.locator("ul.attention li.kind-confirm", { hasText: name });
  check((await heldItem.textContent()).includes("held back"), "the dashboard lists the held-back sync");
  await heldItem.locator("button", { hasText: "Confirm and sync" }).click();
  await heldItem.waitFor({ state: "detached", timeout: 60000 });
  const confirmed = (await (await page.request.get(`${base}/api/accounts/${accountId}/sync/status`)).json()).last_run;
  check(confirmed.status === "ok" && confirmed.forced, "Confirm and sync ran the held-back sync (forced, ok)");

  // Guides: an extra guide source is fetched, channels find their guide in it, a person rejects one.
  await page.goto(base + "/guides");
  const sourceName = name + " guide";
  const gform = page.locator("form[hx-post='/api/guide-sources']");
  await gform.locator("input[name=name]").fill(sourceName);
  await gform.locator("input[name=url]").fill(provider.url + "/epg.xml");
  const sourceAnswer = page.waitForResponse(r => r.url().endsWith("/api/guide-sources") && r.request().method() === "POST", { timeout: 30000 })
    .then(r => `HTTP ${r.status()}`, e => "no answer: " + e.message);
  await gform.locator("button[type=submit]").click();
  await page.locator("#source-list td", { hasText: sourceName }).waitFor().catch(async e => {
    throw new Error(`the new guide source is not listed (its POST: ${await sourceAnswer}; error slot: "${await page.locator("#error-slot").textContent()}"): ${e.message}`);
  });
  const matches = async (query) =>
    (await page.request.get(`${base}/api/epg/matches?account_id=${accountId}&${query}`)).json();
  let matched = 0;
  for (let i = 0; i < 150 && matched === 0; i++) {
    await page.waitForTimeout(200); // the source is fetched, then matched, in the background
    matched = (await matches("status=auto&search=ESPN%20DEPORTES")).total;
  }
  check(matched === 1, "a channel found its guide in the new source by its name");
  await page.goto(`${base}/guides?status=auto&account_id=${accountId}&search=ESPN%20DEPORTES`);
  check(await page.locator("#match-filters select[name=status]").inputValue() === "auto",
    "the review list keeps its filters in the page's address");
  const mrow = page.locator("table.matches tr", { hasText: "ESPN DEPORTES" });
  await mrow.waitFor();
  check((await mrow.textContent()).includes("ESPNDeportes"), "the review list shows the guide channel's id");
  await page.screenshot({ path: `${shots}/guides.png`, fullPage: false });
  await mrow.locator("button", { hasText: "Reject" }).click();
  await mrow.waitFor({ state: "detached" });
  const rejected = await matches("status=unmatched&search=ESPN%20DEPORTES");
  check(rejected.items.length === 1 && rejected.items[0].by_person, "a rejected guide stays the person's decision");
  await page.locator("#merged-list table.merged, #merged-list .empty").first().waitFor();
  check(!(await page.locator("#merged-list").textContent()).includes("Loading"), "the merged channels are listed");
  await page.locator("#source-list tr", { hasText: sourceName }).locator("button.danger").click();
  await page.locator("#source-list td", { hasText: sourceName }).waitFor({ state: "detached" });

  // Players: an Xtream login is made for the playlist; its password is shown once and signs in.
  await page.goto(base + "/players");
  const loginName = "browser" + Date.now().toString(36);
  const loginForm = page.locator("form[hx-post='/api/xtream-users']");
  await loginForm.locator("input[name=username]").fill(loginName);
  await loginForm.locator("button[type=submit]").click();
  await page.locator("#new-login", { hasText: "Password" }).waitFor();
  const loginShown = await page.locator("#new-login").textContent();
  const password = loginShown.match(/Password\s+(\S+)/)[1];
  check(loginShown.includes(loginName) && loginShown.includes("Server"), "a new login shows the server, username and password");
  const signIn = await (await page.request.get(`${base}/player_api.php?username=${loginName}&password=${password}`)).json();
  check(signIn.user_info.auth === 1, "the shown password signs a player in");
  const loginRow = page.locator("#user-list tr", { hasText: loginName });
  await loginRow.waitFor();
  check(!(await loginRow.textContent()).includes(password), "the list never shows a password");
  await page.screenshot({ path: `${shots}/players.png`, fullPage: true });
  await loginRow.locator("button", { hasText: "Delete" }).click();
  await loginRow.waitFor({ state: "detached" });

  // Access: a token is shown once, listed by its last characters, and revoked.
  await page.goto(base + "/access");
  const tokenForm = page.locator("form[hx-post='/api/tokens']");
  await tokenForm.locator("input[name=name]").fill("browser script");
  await tokenForm.locator("button[type=submit]").click();
  await page.locator("#new-token", { hasText: "lu_" }).waitFor();
  const token = (await page.locator("#new-token").textContent()).match(/lu_[A-Za-z0-9_-]+/)[0];
  const row = page.locator("#token-list tr", { hasText: "browser script" });
  await row.waitFor();
  check((await row.textContent()).includes(token.slice(-4)) && !(await row.textContent()).includes(token),
    "a new token is shown once and listed by its last characters");
  const api = async () => (await page.request.get(base + "/api/accounts",
    { headers: { Authorization: "Bearer " + token } })).status();
  check(await api() === 200, "the token opens the API");
  await row.locator("button", { hasText: "Revoke" }).click();
  await row.waitFor({ state: "detached" });
  check(await api() === 401, "a revoked token is refused");
  await page.screenshot({ path: `${shots}/access.png`, fullPage: false });

  // Backup: download the setup, check it back (a dry run lists every object), then restore it.
  await page.goto(base + "/backup");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("button[data-download-backup]").click(),
  ]);
  const backupFile = await download.path();
  const backup = JSON.parse(readFileSync(backupFile, "utf8"));
  check(backup.format === "lineup-backup/1" && backup.accounts.some(a => a.name === name),
    "the downloaded backup holds the account");
  check(!JSON.stringify(backup).includes(provider.pass), "the backup holds no password in clear");
  const restoreForm = page.locator("form[data-upload=backup]");
  await restoreForm.locator("input[type=file]").setInputFiles(backupFile);
  await restoreForm.locator("button[data-check-upload]").click();
  await restoreForm.locator(".report", { hasText: "A restore would" }).waitFor();
  const ours = restoreForm.locator(".report tbody tr", { hasText: name });
  const unchanged = restoreForm.locator(".report tbody tr.action-unchanged", { hasText: name });
  check(await ours.count() >= 2 && await ours.count() === await unchanged.count(),
    "the check lists the account and its playlist, unchanged");
  const restoreButton = restoreForm.locator("button[data-confirm-upload]");
  check(await restoreButton.isVisible(), "after the check, Restore is offered");
  await page.screenshot({ path: `${shots}/backup.png`, fullPage: false });
  await restoreButton.click();
  await restoreForm.locator(".report", { hasText: "Done:" }).waitFor();

  // The core flow by keyboard alone: add an account, sync it, preview it, make a playlist, copy
  // its URL. Every control is reached with Tab and worked with Enter or typing.
  const kbName = name + " keys";
  await page.goto(base + "/accounts");
  const addForm = page.locator("form[hx-post='/api/accounts']");
  for (const [field, value] of [["name", kbName], ["server", provider.url], ["username", provider.user], ["password", provider.pass]]) {
    await tabTo(addForm.locator(`input[name=${field}]`), `the ${field} field`);
    await page.keyboard.type(value);
  }
  await tabTo(addForm.locator("button[type=submit]"), "Add");
  await page.keyboard.press("Enter");
  const kbCard = page.locator("article.card", { has: page.locator("h3", { hasText: kbName }) });
  await kbCard.waitFor();
  await tabTo(kbCard.locator("button.sync"), "the new card's Sync");
  await page.keyboard.press("Enter");
  await page.locator("article.card", { has: page.locator("h3", { hasText: kbName }) }).locator(".badge.db").waitFor({ timeout: 60000 });
  await page.waitForLoadState("networkidle");
  await tabTo(page.locator("article.card", { has: page.locator("h3", { hasText: kbName }) }).locator("a", { hasText: "Preview" }), "Preview");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/preview\?account=/);
  await page.locator("tr.channel").first().waitFor();
  check(await page.locator("tr.channel").count() > 0, "by keyboard: the account is added, synced and previewed");
  await tabTo(page.locator("a.tab[href='/playlists']"), "the Playlists tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(url => new URL(url).pathname === "/playlists");
  const kbPlaylist = kbName + " playlist";
  const kbForm = page.locator("form[hx-post='/api/playlist-configs']");
  await tabTo(kbForm.locator("input[name=name]"), "the playlist's name");
  await page.keyboard.type(kbPlaylist);
  await tabTo(kbForm.locator("button[type=submit]"), "Create");
  await page.keyboard.press("Enter");
  const kbPcard = page.locator("article.playlist", { has: page.locator("h3", { hasText: kbPlaylist }) });
  await kbPcard.waitFor();
  await tabTo(kbPcard.locator("button", { hasText: "Copy M3U URL" }), "Copy M3U URL");
  await page.keyboard.press("Enter");
  await page.locator("#error-slot .notice", { hasText: "Copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const kbM3u = new URL((await kbPcard.locator("code.m3u").textContent()).trim(), base).href;
  check(copied === kbM3u, "by keyboard: a playlist is made and its M3U URL copied");

  // Every page: axe-core finds no serious or critical violation (light, phone, dark), and at phone
  // width (390 px) nothing scrolls sideways.
  const axeFound = [];
  for (const path of pages) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + path);
    await page.waitForLoadState("networkidle");
    for (const v of await axeViolations()) axeFound.push(`${path} ${v}`);
    const title = await page.title();
    check(/^[A-Z][^·]+ · Lineup$/.test(title) && title === `${(await page.locator("h1").first().textContent()).trim()} · Lineup`,
      `${path} is titled after its page: "${title}"`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(widths[0] <= widths[1], `${path} at 390 px: ${widths[0]} px wide in a ${widths[1]} px viewport`);
    const sideways = await page.evaluate(() => [...document.querySelectorAll("main *")]
      .filter(el => el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
      .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ")[0] : "")));
    check(sideways.length === 0, `${path} at 390 px: nothing inside scrolls sideways` + (sideways.length ? ": " + sideways.join(", ") : ""));
    for (const v of await axeViolations()) axeFound.push(`${path} (phone) ${v}`);
    await page.emulateMedia({ colorScheme: "dark" }); // the pages follow the system's dark mode
    for (const v of await axeViolations()) axeFound.push(`${path} (dark) ${v}`);
    await page.emulateMedia({ colorScheme: "light" });
    const shot = path === "/" ? "dashboard" : path.slice(1);
    if (["dashboard", "accounts", "preview", "playlists"].includes(shot)) {
      await page.screenshot({ path: `${shots}/phone-${shot}.png`, fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  check(axeFound.length === 0, "axe-core: no serious or critical violation on any page" + (axeFound.length ? ":\n  " + axeFound.join("\n  ") : ""));

  // The preview keeps its search in the page's address: back from a row's link, it is still there.
  await page.goto(`${base}/preview?account=${accountId}`);
  await page.locator("#search").fill("sport");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("search") === "sport");
  await page.locator("tr.channel a[title^='Make a tag rule']").first().click();
  await page.waitForURL(/\/tags\?from=/);
  await page.goBack();
  await page.waitForURL(/\/preview\?/);
  check(await page.locator("#search").inputValue() === "sport", "back from a row's link, the preview has its search again");

  // Sign out: back to the sign-in page, and the pages are closed again.
  await page.locator("form.signout button").click();
  await page.waitForURL(url => new URL(url).pathname === "/login");
  await page.goto(base + "/playlists");
  check(new URL(page.url()).pathname === "/login", "after signing out, pages lead to sign-in again");
  const loginViolations = await axeViolations();
  check(loginViolations.length === 0, "axe-core: the sign-in page has no serious or critical violation" + (loginViolations.length ? ": " + loginViolations.join("; ") : ""));
  check(pageErrors.length === 0, "no script errors on any page" + (pageErrors.length ? ": " + pageErrors.join("; ") : ""));
  check(blocked.length === 0, "the Content-Security-Policy blocked nothing" + (blocked.length ? ": " + blocked.join("; ") : ""));
} catch (e) {
  await page.screenshot({ path: `${shots}/failure.png`, fullPage: true }).catch(() => {});
  console.error(e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
