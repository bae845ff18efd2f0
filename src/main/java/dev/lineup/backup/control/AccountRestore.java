package dev.lineup.backup.control;

import dev.lineup.account.boundary.AccountRequest;
import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.AccountSettings;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.filter.boundary.FilterRequest;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.JsonBody;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The restore of accounts (part of {@link SetupRestore}'s transaction): each through the accounts'
 * own reader and bounds, its secrets from the file's sealed ones or, when the file hides them, the
 * stored ones; a new account without them is stored disabled. Its filters and ruleset assignments
 * become the file's.
 */
final class AccountRestore {
  private final EntityManager em;
  private final SetupExport export;
  private final Validator validator;

  AccountRestore(EntityManager em, SetupExport export, Validator validator) {
    this.em = em;
    this.export = export;
    this.validator = validator;
  }

  Map<String, Long> restore(
      List<JsonObject> files,
      JsonObject secrets,
      Map<String, Long> rulesetIds,
      Set<Long> filtered,
      RestoreReport.Builder report) {
    ByName<Account> stored =
        new ByName<>(
            em.createNamedQuery(Account.ALL, Account.class).getResultList(), Account::name);
    Map<String, Long> ids = new java.util.TreeMap<>(ByName.collator());
    for (JsonObject file : files) {
      String name = BackupFile.name(file, "name", "accounts");
      String place = "accounts[" + name + "]";
      Account existing = stored.take(name);
      JsonObject before = existing == null ? null : export.account(existing);
      JsonObject secret =
          secrets.get(name) instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
      JsonObjectBuilder body = Json.createObjectBuilder(file).remove("filters").remove("rulesets");
      if (existing != null) {
        // The file's hidden or masked URL means "the one Lineup has"
        if (file.get("server") instanceof JsonString server) {
          body.add("server", BackupUrls.restored(server.getString(), existing.serverUrl()));
        }
        if (file.get("epg_url") instanceof JsonString epg) {
          body.add("epg_url", BackupUrls.restored(epg.getString(), existing.epgUrl()));
        }
      }
      secret.forEach(body::add);
      JsonObject json = body.build();
      AccountSettings read =
          BackupProblems.reading(
              place, () -> AccountRequest.checked(JsonBody.of(json), true, validator));
      boolean lacking =
          existing == null
              && ((read.providerType() == ProviderType.XTREAM && read.password() == null)
                  || BackupUrls.lacksSecrets(read.server().value())
                  || (read.epgUrl() != null && BackupUrls.lacksSecrets(read.epgUrl().value())));
      // Without its secrets a new account would only fail at the provider (some ban for that)
      AccountSettings account = lacking ? disabled(read) : read;
      Account.requireUniqueName(em, account.name(), existing == null ? -1 : existing.id());
      List<String> secretsBefore =
          existing == null
              ? null
              : Arrays.asList(existing.password(), existing.serverUrl(), existing.epgUrl());
      Account target = existing;
      if (target == null) {
        target = new Account(account);
        em.persist(target);
      } else {
        target.apply(account);
      }
      em.flush();
      boolean newSecrets =
          secretsBefore != null
              && !secretsBefore.equals(
                  Arrays.asList(target.password(), target.serverUrl(), target.epgUrl()));
      List<String> notes = new ArrayList<>();
      if (lacking) {
        notes.add(
            "Stored disabled: the backup left its password or URL out. Enter it on the Accounts"
                + " page, then enable the account.");
      }
      JsonObject filtersBefore = export.account(target);
      restoreFilters(target.id(), BackupFile.list(file, "filters", place), place);
      restoreAssignments(target.id(), file, place, rulesetIds);
      JsonObject after = export.account(target);
      int filterCount = after.getJsonArray("filters").size();
      int rulesetCount = after.getJsonArray("rulesets").size();
      if (filterCount + rulesetCount > 0) {
        notes.add(filterCount + " filters, " + rulesetCount + " rulesets assigned.");
      }
      if (!filtersBefore.get("filters").equals(after.get("filters"))) {
        filtered.add(target.id());
      }
      ids.put(name, target.id());
      String action = RestoreReport.action(before, after);
      report.add(
          "account", name, newSecrets && action.equals("unchanged") ? "changed" : action, notes);
    }
    for (Account left : stored.rest()) {
      ids.put(left.name(), left.id());
      report.add("account", left.name(), "left_alone");
    }
    return ids;
  }

  private static AccountSettings disabled(AccountSettings a) {
    return new AccountSettings(
        a.name(),
        a.providerType(),
        a.server(),
        a.username(),
        a.password(),
        false,
        a.syncIntervalHours(),
        a.epgUrl(),
        a.maxConnections());
  }

  private void restoreFilters(long accountId, List<JsonObject> files, String place) {
    ByName<Filter> stored =
        new ByName<>(
            em.createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
                .setParameter("account", accountId)
                .getResultList(),
            Filter::name);
    for (int i = 0; i < files.size(); i++) {
      JsonObject file = files.get(i);
      String where = place + ".filters[" + i + "]";
      Filter existing = stored.take(BackupFile.name(file, "name", where));
      Filter filter = existing == null ? new Filter(accountId) : existing;
      BackupProblems.reading(
          where,
          () -> {
            FilterRequest.readInto(JsonBody.of(file), filter);
            return filter;
          });
      if (existing == null) {
        em.persist(filter);
      }
    }
    stored.rest().forEach(em::remove);
    em.flush();
  }

  private void restoreAssignments(
      long accountId, JsonObject file, String place, Map<String, Long> rulesetIds) {
    List<JsonObject> assigned = BackupFile.list(file, "rulesets", place);
    Map<Long, Integer> wanted = new HashMap<>();
    for (int i = 0; i < assigned.size(); i++) {
      String where = place + ".rulesets[" + i + "]";
      String ruleset = BackupFile.name(assigned.get(i), "ruleset", where);
      Long id = rulesetIds.get(ruleset);
      if (id == null) {
        throw BackupProblems.invalid(
            where + ".ruleset",
            "no ruleset is named \"" + ruleset + "\", in the file or in Lineup");
      }
      JsonValue priority = assigned.get(i).get("priority");
      int order = 100;
      if (priority instanceof jakarta.json.JsonNumber n
          && n.isIntegral()
          && n.bigDecimalValue().signum() >= 0
          && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(100_000)) <= 0) {
        order = n.intValue();
      } else if (priority != null && priority != JsonValue.NULL) {
        throw BackupProblems.invalid(
            where + ".priority", "must be a whole number from 0 to 100000");
      }
      wanted.put(id, order);
    }
    em.createNativeQuery("DELETE FROM account_rulesets WHERE account_id = ?")
        .setParameter(1, accountId)
        .executeUpdate();
    for (Map.Entry<Long, Integer> entry : wanted.entrySet()) {
      em.createNativeQuery(
              "INSERT INTO account_rulesets (account_id, ruleset_id, priority) VALUES (?, ?, ?)")
          .setParameter(1, accountId)
          .setParameter(2, entry.getKey())
          .setParameter(3, entry.getValue())
          .executeUpdate();
    }
  }
}
