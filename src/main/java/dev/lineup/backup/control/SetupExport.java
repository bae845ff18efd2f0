package dev.lineup.backup.control;

import dev.lineup.account.boundary.AccountRequest;
import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.filter.boundary.FilterRequest;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.Settings;
import dev.lineup.platform.Timestamped;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import dev.lineup.tag.boundary.RulesetRequest;
import dev.lineup.tag.boundary.TagRuleRequest;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lineup's setup as one versioned JSON document ({@value #FORMAT}): settings, rulesets with their
 * rules, accounts with their filters and ruleset assignments, guide sources, playlists (with their
 * tokens, so player URLs survive a move) and Xtream users (with their password hashes). No
 * channels: a sync brings them back. References are by name, never by id. Provider secrets are left
 * out (URLs masked as the API shows them) unless sealed with a passphrase ({@link SealedSecrets}).
 * Lists are sorted by name, so two backups of one setup are equal but for {@code created_at}.
 */
@Stateless
public class SetupExport {
  public static final String FORMAT = "lineup-backup/1";

  @PersistenceContext EntityManager em;
  @Inject Settings settings;

  /**
   * The document; with a passphrase, the provider secrets are sealed in it.
   *
   * @param passphrase null to leave the secrets out
   */
  public JsonObject document(String passphrase) {
    if (passphrase != null) {
      SealedSecrets.requireUsable(passphrase);
    }
    List<Account> accounts =
        byName(em.createNamedQuery(Account.ALL, Account.class).getResultList(), Account::name);
    Map<Long, String> accountNames =
        accounts.stream().collect(Collectors.toMap(Account::id, Account::name));
    List<PlaylistConfig> playlists =
        byName(
            em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList(),
            PlaylistConfig::name);
    Map<Long, String> playlistNames =
        playlists.stream().collect(Collectors.toMap(PlaylistConfig::id, PlaylistConfig::name));

    JsonObjectBuilder doc =
        Json.createObjectBuilder()
            .add("format", FORMAT)
            .add("created_at", Timestamped.iso(LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
    JsonObjectBuilder secretValues = Json.createObjectBuilder();
    JsonObjectBuilder accountSecrets = Json.createObjectBuilder();
    JsonObjectBuilder sourceSecrets = Json.createObjectBuilder();

    JsonObjectBuilder settingValues = Json.createObjectBuilder();
    settings.all().forEach((name, value) -> settingValues.add(name, (Boolean) value));
    doc.add("settings", settingValues);

    JsonArrayBuilder rulesets = Json.createArrayBuilder();
    for (Ruleset r :
        byName(em.createNamedQuery(Ruleset.ALL, Ruleset.class).getResultList(), Ruleset::name)) {
      rulesets.add(ruleset(r));
    }
    doc.add("rulesets", rulesets);

    JsonArrayBuilder accountList = Json.createArrayBuilder();
    for (Account a : accounts) {
      accountList.add(account(a));
      JsonObject secret = accountSecrets(a);
      if (!secret.isEmpty()) {
        accountSecrets.add(a.name(), secret);
      }
    }
    doc.add("accounts", accountList);

    JsonArrayBuilder sources = Json.createArrayBuilder();
    for (GuideSource s : byName(GuideSource.all(em), GuideSource::name)) {
      sources.add(guideSource(s));
      if (!s.url().equals(BackupUrls.hidden(s.url()))) {
        sourceSecrets.add(s.name(), Json.createObjectBuilder().add("url", s.url()));
      }
    }
    doc.add("guide_sources", sources);

    JsonArrayBuilder playlistList = Json.createArrayBuilder();
    for (PlaylistConfig p : playlists) {
      playlistList.add(playlist(p, accountNames));
    }
    doc.add("playlists", playlistList);

    JsonArrayBuilder users = Json.createArrayBuilder();
    for (XtreamUser u : XtreamUser.all(em)) {
      users.add(xtreamUser(u, playlistNames));
    }
    doc.add("xtream_users", users);

    PersonDecisions.export(em)
        .forEach((section, items) -> doc.add(section, Json.createArrayBuilder(items)));

    JsonObjectBuilder secrets = Json.createObjectBuilder();
    if (passphrase == null) {
      secrets.add("included", false);
    } else {
      JsonObject values =
          secretValues.add("accounts", accountSecrets).add("guide_sources", sourceSecrets).build();
      secrets = Json.createObjectBuilder(SealedSecrets.seal(values, passphrase));
    }
    return doc.add("secrets", secrets).build();
  }

  /** A ruleset and its rules (in the order they run). */
  public JsonObject ruleset(Ruleset r) {
    JsonArrayBuilder rules = Json.createArrayBuilder();
    for (TagRule rule : TagRule.ofRuleset(em, r.id())) {
      rules.add(TagRuleRequest.asJson(rule.settings()));
    }
    return Json.createObjectBuilder(RulesetRequest.asJson(r)).add("rules", rules).build();
  }

  /**
   * An account as the API takes it, without its password and with its URLs masked, plus its filters
   * and its ruleset assignments (by the ruleset's name).
   */
  public JsonObject account(Account a) {
    JsonObjectBuilder json = Json.createObjectBuilder(AccountRequest.asJson(a.settings()));
    json.add("server", server(a));
    if (a.epgUrl() != null) {
      json.add("epg_url", BackupUrls.hidden(a.epgUrl()));
    }
    JsonArrayBuilder filters = Json.createArrayBuilder();
    for (Filter f :
        em.createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
            .setParameter("account", a.id())
            .getResultList()) {
      filters.add(FilterRequest.asJson(f));
    }
    JsonArrayBuilder assigned = Json.createArrayBuilder();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT r.name, ar.priority FROM account_rulesets ar JOIN rulesets r ON r.id ="
                    + " ar.ruleset_id WHERE ar.account_id = ? ORDER BY ar.priority, r.name")
            .setParameter(1, a.id())
            .getResultList();
    for (Object[] row : rows) {
      assigned.add(
          Json.createObjectBuilder()
              .add("ruleset", (String) row[0])
              .add("priority", ((Number) row[1]).intValue()));
    }
    return json.add("filters", filters).add("rulesets", assigned).build();
  }

  /** What {@link #account} leaves out: the password, and URLs that carry credentials. */
  static JsonObject accountSecrets(Account a) {
    JsonObjectBuilder secret = Json.createObjectBuilder();
    if (a.hasPassword()) {
      secret.add("password", a.password());
    }
    if (!a.serverUrl().equals(server(a))) {
      secret.add("server", a.serverUrl());
    }
    if (a.epgUrl() != null && !a.epgUrl().equals(BackupUrls.hidden(a.epgUrl()))) {
      secret.add("epg_url", a.epgUrl());
    }
    return secret.build();
  }

  /**
   * The server as a backup without secrets has it: an Xtream panel's address (its credentials are
   * fields of their own) masked, an M3U playlist's URL hidden ({@link BackupUrls}).
   */
  static String server(Account a) {
    return a.providerType() == ProviderType.M3U
        ? BackupUrls.hidden(a.serverUrl())
        : a.maskedServer();
  }

  static JsonObject guideSource(GuideSource s) {
    return Json.createObjectBuilder()
        .add("name", s.name())
        .add("url", BackupUrls.hidden(s.url()))
        .add("priority", s.priority())
        .add("refresh_hours", s.refreshHours())
        .add("enabled", s.enabled())
        .build();
  }

  /** A playlist as the API takes it, its accounts by name, with its token. */
  static JsonObject playlist(PlaylistConfig p, Map<Long, String> accountNames) {
    PlaylistSettings s = p.settings();
    JsonObjectBuilder json = Json.createObjectBuilder().add("name", s.name());
    if (s.description() != null) {
      json.add("description", s.description());
    }
    return json.add("include_accounts", names(s.includeAccounts(), accountNames))
        .add("exclude_accounts", names(s.excludeAccounts(), accountNames))
        .add("include_tags", Json.createArrayBuilder(List.copyOf(s.includeTags())))
        .add("exclude_tags", Json.createArrayBuilder(List.copyOf(s.excludeTags())))
        .add("tag_match", s.matchAll() ? "all" : "any")
        .add("apply_filters", s.applyFilters())
        .add("numbering", code(s.numbering()))
        .add("start_number", s.startNumber())
        .add("group_by", code(s.groupBy()))
        .add("order_by", code(s.orderBy()))
        .add("account_suffix", s.accountSuffix())
        .add("merge_duplicates", s.mergeDuplicates())
        .add("stream_mode", code(s.streamMode()))
        .add("enabled", s.enabled())
        .add("token", p.token())
        .build();
  }

  static JsonObject xtreamUser(XtreamUser u, Map<Long, String> playlistNames) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("username", u.username())
            .add("password_hash", u.passwordHash())
            .add("playlist", playlistNames.getOrDefault(u.playlistId(), ""))
            .add("max_connections", u.maxConnections())
            .add("enabled", u.enabled());
    Instant expires = u.expiresAt();
    if (expires != null) {
      json.add("expires_at", expires.toString());
    }
    return json.build();
  }

  private static JsonArrayBuilder names(Set<Long> ids, Map<Long, String> names) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    ids.stream().map(id -> names.get(id)).filter(n -> n != null).sorted().forEach(list::add);
    return list;
  }

  private static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static <T> List<T> byName(List<T> items, Function<T, String> name) {
    return items.stream().sorted(Comparator.comparing(name)).toList();
  }
}
