package dev.lineup.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.account.entity.ProviderType;
import dev.lineup.filter.control.FilterSet;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import dev.lineup.web.control.FormChoices.Choice;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pages' selects offer every value of each enum, each once, by the API's code. */
class FormChoicesTest {
  static Set<String> codes(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachSelectOffersEveryCodeOfItsEnumOnce() {
    Map<String, Class<? extends Enum<?>>> enums =
        Map.of(
            "providerTypes", ProviderType.class,
            "patternTypes", PatternType.class,
            "ruleSources", RuleSource.class,
            "filterActions", FilterSet.Action.class,
            "filterTypes", FilterSet.Type.class,
            "numberings", PlaylistConfig.Numbering.class,
            "groupBys", PlaylistConfig.GroupBy.class,
            "orderBys", PlaylistConfig.OrderBy.class,
            "streamModes", PlaylistConfig.StreamMode.class);
    assertEquals(enums.keySet(), FormChoices.ALL.keySet());
    enums.forEach(
        (name, type) -> {
          var offered = FormChoices.ALL.get(name).stream().map(Choice::code).toList();
          assertEquals(codes(type), new TreeSet<>(offered), name);
          assertEquals(offered.size(), Set.copyOf(offered).size(), name + " offers a code twice");
        });
  }

  @Test
  void theCodesAreTheOnesTheApiTakes() {
    assertEquals("channel_name", FormChoices.ALL.get("ruleSources").get(0).code());
    assertEquals(
        "first_tag",
        FormChoices.ALL.get("groupBys").stream()
            .filter(c -> c.label().equals("first tag"))
            .findFirst()
            .orElseThrow()
            .code());
  }

  /**
   * The OpenAPI document's enumerations are the same codes: each {@code @Schema(enumeration)} in
   * the sources lists exactly the codes of one of the enums the pages offer, or is one of the few
   * answers that no enum defines.
   */
  @Test
  void theApiDocumentsEachEnumsCodes() throws java.io.IOException {
    Set<Set<String>> enums = new java.util.HashSet<>();
    FormChoices.ALL
        .values()
        .forEach(
            list ->
                enums.add(list.stream().map(FormChoices.Choice::code).collect(Collectors.toSet())));
    Set<Set<String>> noEnum =
        Set.of(
            Set.of("any", "all"),
            Set.of("session", "token"),
            Set.of("busy", "failed"),
            Set.of("Active", "Disabled", "Expired"),
            Set.of(
                "setting",
                "ruleset",
                "account",
                "guide_source",
                "playlist",
                "xtream_user",
                "tag_rule",
                "filter",
                "guide_mappings",
                "merged_channels",
                "pinned_numbers"),
            Set.of("added", "changed", "unchanged", "left_alone", "skipped"));
    java.util.regex.Pattern enumeration =
        java.util.regex.Pattern.compile("enumeration\\s*=\\s*\\{([^}]*)\\}");
    java.util.List<String> wrong = new java.util.ArrayList<>();
    int found = 0;
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var listed = enumeration.matcher(java.nio.file.Files.readString(file));
        while (listed.find()) {
          found++;
          Set<String> codes =
              Arrays.stream(listed.group(1).split(","))
                  .map(c -> c.strip().replace("\"", ""))
                  .collect(Collectors.toSet());
          if (!enums.contains(codes) && !noEnum.contains(codes)) {
            wrong.add(file.getFileName() + ": " + codes);
          }
        }
      }
    }
    assertTrue(found > 5, "the scan found the enumerations: " + found);
    assertEquals(java.util.List.of(), wrong, "enumerations that are no enum's codes");
  }
}
