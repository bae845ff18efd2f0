package dev.lineup.web.control;

import dev.lineup.account.entity.ProviderType;
import dev.lineup.filter.control.FilterSet;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The choices the pages' selects offer, with their codes taken from the Java enums (the API's
 * values) and the words people read, in the order the forms show them. The JSPs read them as {@code
 * ${choices.patternTypes}}, so no code is written twice; a test checks that each list offers every
 * constant of its enum.
 */
public final class FormChoices {
  /** One option: the code the API takes, and its label. */
  public record Choice(String code, String label) {}

  public static final Map<String, List<Choice>> ALL = all();

  private FormChoices() {}

  private static Map<String, List<Choice>> all() {
    Map<String, List<Choice>> all = new LinkedHashMap<>();
    all.put(
        "providerTypes",
        List.of(
            choice(ProviderType.XTREAM.code(), "Xtream Codes panel"),
            choice(ProviderType.M3U.code(), "M3U playlist URL")));
    all.put(
        "patternTypes",
        List.of(
            choice(PatternType.CONTAINS.code(), "contains"),
            choice(PatternType.PREFIX.code(), "starts with"),
            choice(PatternType.SUFFIX.code(), "ends with"),
            choice(PatternType.REGEX.code(), "regular expression")));
    all.put(
        "ruleSources",
        List.of(
            choice(RuleSource.CHANNEL_NAME.code(), "channel name"),
            choice(RuleSource.CATEGORY_NAME.code(), "category name"),
            choice(RuleSource.BOTH.code(), "both")));
    all.put(
        "filterActions",
        List.of(
            choice(FilterSet.Action.BLACKLIST.code(), "drop what matches (blacklist)"),
            choice(FilterSet.Action.WHITELIST.code(), "keep only what matches (whitelist)")));
    all.put(
        "filterTypes",
        List.of(
            choice(FilterSet.Type.CHANNEL_NAME.code(), "channel name contains"),
            choice(FilterSet.Type.CATEGORY.code(), "category contains"),
            choice(FilterSet.Type.TAG.code(), "has tag"),
            choice(FilterSet.Type.REGEX.code(), "name matches regex")));
    all.put(
        "numberings",
        List.of(
            choice(code(PlaylistConfig.Numbering.PROVIDER), "provider's numbers"),
            choice(code(PlaylistConfig.Numbering.SEQUENTIAL), "1, 2, 3… from the start number"),
            choice(code(PlaylistConfig.Numbering.GROUP), "by group (each group from its hundred)"),
            choice(
                code(PlaylistConfig.Numbering.PINNED),
                "pinned (by group the first time, then each channel keeps its number)"),
            choice(code(PlaylistConfig.Numbering.NONE), "none")));
    all.put(
        "groupBys",
        List.of(
            choice(code(PlaylistConfig.GroupBy.CATEGORY), "category"),
            choice(code(PlaylistConfig.GroupBy.FIRST_TAG), "first tag"),
            choice(code(PlaylistConfig.GroupBy.ACCOUNT), "account")));
    all.put(
        "orderBys",
        List.of(
            choice(code(PlaylistConfig.OrderBy.NAME), "by name"),
            choice(code(PlaylistConfig.OrderBy.NUMBER), "by provider number"),
            choice(code(PlaylistConfig.OrderBy.GROUP), "by group")));
    all.put(
        "streamModes",
        List.of(
            choice(
                code(PlaylistConfig.StreamMode.PROXY),
                "through Lineup (the provider's login stays hidden, its connection limit kept)"),
            choice(
                code(PlaylistConfig.StreamMode.REDIRECT),
                "straight to the provider (players see its URLs and login)")));
    return Map.copyOf(all);
  }

  private static Choice choice(String code, String label) {
    return new Choice(code, label);
  }

  /** The playlist enums' API code (as PlaylistConfigRequest writes it). */
  static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
