package dev.lineup.backup.control;

import dev.lineup.epg.boundary.GuideSourcesResource;
import dev.lineup.epg.control.GuideSourceChanged;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.Settings;
import dev.lineup.tag.boundary.RulesetRequest;
import dev.lineup.tag.boundary.TagRuleRequest;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import dev.lineup.tag.entity.TagRuleSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Restores a backup document ({@link SetupExport}) in one transaction: every object is matched to a
 * stored one by name and read through its feature's own request reader, so it passes the checks a
 * posted one does; references (an account's filters and rulesets, a playlist's accounts, an Xtream
 * user's playlist) go by name to the file's objects or Lineup's. Any refusal rolls back everything.
 * A dry run does all of it and rolls back, so it reports exactly what a restore does. Objects
 * Lineup has and the file does not name are left alone; an object's own parts (a ruleset's rules,
 * an account's filters and assignments) become what the file says.
 */
@Stateless
public class SetupRestore {
  private static final Logger LOG = Logger.getLogger(SetupRestore.class.getName());

  @PersistenceContext EntityManager em;
  @Resource SessionContext context;
  @Inject SetupExport export;
  @Inject Settings settings;
  @Inject Validator validator;
  @Inject Event<SetupRestored> restored;
  @Inject Event<ChannelsChanged> channelsChanged;
  @Inject Event<GuideSourceChanged> sourceChanged;
  @Inject DecisionRestore decisions;

  /**
   * Restores a backup file.
   *
   * @param passphrase opens the file's sealed secrets; null when it has none
   * @throws ProblemException a 4xx naming what is wrong; nothing is stored
   */
  public RestoreReport restore(JsonObject doc, String passphrase, boolean dryRun) {
    BackupFile.requireFormat(doc);
    return store(doc, secrets(doc, passphrase), dryRun, new RestoreReport.Builder());
  }

  /**
   * Stores an import (a document made by Lineup, such as {@link LegacyDatabase}'s).
   *
   * @param plainSecrets the accounts' and guide sources' secrets, never from a file
   * @param prepared what the reading reported already (skips and renames)
   */
  public RestoreReport restoreImport(
      JsonObject doc, JsonObject plainSecrets, boolean dryRun, RestoreReport.Builder prepared) {
    BackupFile.requireFormat(doc);
    JsonObject secrets =
        Json.createObjectBuilder(NO_SECRETS).addAll(Json.createObjectBuilder(plainSecrets)).build();
    return store(doc, secrets, dryRun, prepared);
  }

  private RestoreReport store(
      JsonObject doc, JsonObject secrets, boolean dryRun, RestoreReport.Builder report) {
    List<JsonObject> rulesets = BackupFile.section(doc, "rulesets", "name");
    List<JsonObject> accounts = BackupFile.section(doc, "accounts", "name");
    List<JsonObject> sources = BackupFile.section(doc, "guide_sources", "name");
    List<JsonObject> playlists = BackupFile.section(doc, "playlists", "name");
    List<JsonObject> users = BackupFile.section(doc, "xtream_users", "username");

    restoreSettings(doc, report);
    Map<String, Long> rulesetIds = restoreRulesets(rulesets, report);
    Set<Long> filtered = new LinkedHashSet<>();
    Map<String, Long> accountIds =
        new AccountRestore(em, export, validator)
            .restore(accounts, secrets.getJsonObject("accounts"), rulesetIds, filtered, report);
    List<GuideSourceChanged> sourceChanges =
        restoreSources(sources, secrets.getJsonObject("guide_sources"), report);
    Map<String, Long> playlistIds = PlayerRestore.playlists(em, playlists, accountIds, report);
    PlayerRestore.users(em, users, playlistIds, report);
    em.flush();
    decisions.restore(doc, report);
    RestoreReport done = report.build(dryRun);
    if (dryRun) {
      context.setRollbackOnly();
      return done;
    }
    restored.fire(new SetupRestored(Set.copyOf(filtered))); // filters re-evaluated once committed
    sourceChanges.forEach(sourceChanged::fire);
    channelsChanged.fire(ChannelsChanged.all()); // playlists, numbers and tokens may have changed
    LOG.info(() -> "Backup restored: " + done.totals());
    return done;
  }

  private static final JsonObject NO_SECRETS =
      Json.createObjectBuilder()
          .add("accounts", JsonValue.EMPTY_JSON_OBJECT)
          .add("guide_sources", JsonValue.EMPTY_JSON_OBJECT)
          .build();

  /** The file's sealed secrets, opened; none when it has none. */
  private static JsonObject secrets(JsonObject doc, String passphrase) {
    if (!(doc.get("secrets") instanceof JsonObject section) || !section.containsKey("sealed")) {
      return NO_SECRETS;
    }
    JsonObject opened = SealedSecrets.open(section, passphrase);
    for (String kind : List.of("accounts", "guide_sources")) {
      if (opened.containsKey(kind) && !(opened.get(kind) instanceof JsonObject)) {
        throw BackupProblems.invalid("secrets.sealed", "holds no " + kind + " object");
      }
    }
    return Json.createObjectBuilder(NO_SECRETS).addAll(Json.createObjectBuilder(opened)).build();
  }

  private void restoreSettings(JsonObject doc, RestoreReport.Builder report) {
    if (!(doc.get("settings") instanceof JsonObject values)) {
      return;
    }
    for (Map.Entry<String, JsonValue> entry : values.entrySet()) {
      String name = entry.getKey();
      if (!Settings.known(name)) {
        report.add("setting", name, "skipped", List.of("this Lineup has no such setting"));
        continue;
      }
      JsonValue value = entry.getValue();
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw BackupProblems.invalid("settings." + name, "must be true or false");
      }
      boolean wanted = value == JsonValue.TRUE;
      boolean same = settings.flag(name) == wanted;
      if (!same) {
        settings.set(name, wanted);
      }
      report.add("setting", name, same ? "unchanged" : "changed");
    }
  }

  private Map<String, Long> restoreRulesets(List<JsonObject> files, RestoreReport.Builder report) {
    ByName<Ruleset> stored =
        new ByName<>(
            em.createNamedQuery(Ruleset.ALL, Ruleset.class).getResultList(), Ruleset::name);
    Map<String, Long> ids = new java.util.TreeMap<>(ByName.collator());
    for (JsonObject file : files) {
      String name = BackupFile.name(file, "name", "rulesets");
      String place = "rulesets[" + name + "]";
      Ruleset existing = stored.take(name);
      JsonObject before = existing == null ? null : export.ruleset(existing);
      Ruleset ruleset =
          BackupProblems.reading(place, () -> RulesetRequest.read(JsonBody.of(file), existing, em));
      if (existing == null) {
        em.persist(ruleset);
      }
      em.flush();
      restoreRules(ruleset, BackupFile.list(file, "rules", place), place);
      ids.put(name, ruleset.id());
      JsonObject after = export.ruleset(ruleset);
      int rules = after.getJsonArray("rules").size();
      report.add(
          "ruleset",
          name,
          RestoreReport.action(before, after),
          rules == 0 ? List.of() : List.of(rules + " rules."));
    }
    for (Ruleset left : stored.rest()) {
      ids.put(left.name(), left.id());
      report.add("ruleset", left.name(), "left_alone");
    }
    return ids;
  }

  private void restoreRules(Ruleset ruleset, List<JsonObject> files, String place) {
    List<TagRuleSettings> rules = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      JsonObject file = files.get(i);
      rules.add(
          BackupProblems.reading(
              place + ".rules[" + i + "]", () -> TagRuleRequest.read(JsonBody.of(file))));
    }
    ByName<TagRule> stored =
        new ByName<>(TagRule.ofRuleset(em, ruleset.id()), r -> r.settings().name());
    for (TagRuleSettings rule : rules) {
      TagRule existing = stored.take(rule.name());
      if (existing == null) {
        em.persist(new TagRule(ruleset.id(), rule));
      } else {
        existing.apply(rule);
      }
    }
    stored.rest().forEach(em::remove);
    em.flush();
    // Rules run by priority, then age: kept rules may now run in another order than the file's
    List<TagRuleSettings> wanted = new ArrayList<>(rules);
    wanted.sort(java.util.Comparator.comparingInt(TagRuleSettings::priority));
    List<TagRule> now = TagRule.ofRuleset(em, ruleset.id());
    if (!now.stream().map(TagRule::settings).toList().equals(wanted)) {
      now.forEach(em::remove);
      em.flush();
      wanted.forEach(rule -> em.persist(new TagRule(ruleset.id(), rule)));
      em.flush();
    }
  }

  private List<GuideSourceChanged> restoreSources(
      List<JsonObject> files, JsonObject secrets, RestoreReport.Builder report) {
    ByName<GuideSource> stored = new ByName<>(GuideSource.all(em), GuideSource::name);
    List<GuideSourceChanged> changes = new ArrayList<>();
    for (JsonObject file : files) {
      String name = BackupFile.name(file, "name", "guide_sources");
      String place = "guide_sources[" + name + "]";
      GuideSource existing = stored.take(name);
      JsonObject before = existing == null ? null : SetupExport.guideSource(existing);
      JsonObjectBuilder body = Json.createObjectBuilder(file);
      if (existing != null && file.get("url") instanceof JsonString url) {
        body.add("url", BackupUrls.restored(url.getString(), existing.url()));
      }
      if (secrets.get(name) instanceof JsonObject secret
          && secret.get("url") instanceof JsonString url) {
        body.add("url", url);
      }
      GuideSourcesResource.Input in =
          BackupProblems.reading(
              place, () -> GuideSourcesResource.read(JsonBody.of(body.build()), existing));
      GuideSource.requireUniqueName(em, in.name(), existing == null ? -1 : existing.id());
      // Without its URL's secrets a new source is stored off: fetching it would only fail
      boolean lacking = existing == null && BackupUrls.lacksSecrets(in.url());
      boolean enabled = in.enabled() && !lacking;
      boolean refetch =
          existing == null || !in.url().equals(existing.url()) || (enabled && !existing.enabled());
      GuideSource source = existing;
      if (source == null) {
        source = new GuideSource(in.name(), in.url(), in.priority(), in.refreshHours(), enabled);
        em.persist(source);
      } else {
        source.apply(in.name(), in.url(), in.priority(), in.refreshHours(), in.enabled());
      }
      em.flush();
      String action = RestoreReport.action(before, SetupExport.guideSource(source));
      if (!action.equals("unchanged") || refetch) {
        changes.add(new GuideSourceChanged(source.id(), refetch && source.enabled(), true));
      }
      List<String> notes = new ArrayList<>();
      if (lacking) {
        notes.add(
            "Stored disabled: the backup left its URL out. Enter it on the Guides page, then"
                + " enable the source.");
      }
      report.add(
          "guide_source", name, refetch && action.equals("unchanged") ? "changed" : action, notes);
    }
    for (GuideSource left : stored.rest()) {
      report.add("guide_source", left.name(), "left_alone");
    }
    return changes;
  }
}
