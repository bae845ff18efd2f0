package dev.lineup.channel.control;

import dev.lineup.account.entity.Account;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of a preview page, shared by every preview endpoint. */
public final class PreviewView {
  private PreviewView() {}

  // The JSON below stays a map (the preview page's JSP reads its keys); these records describe it
  // in the OpenAPI document, and OpenApiIT checks them against real answers.

  /** {@code GET /api/accounts/{id}/preview}. */
  public record AccountPreviewPage(
      long total,
      int offset,
      int limit,
      int showing,
      boolean hasMore,
      @Schema(description = "Give it as after= for the next page") String nextAfter,
      @Schema(description = "false: straight from the provider (the account never synced)")
          boolean usingDatabase,
      @Schema(description = "The search index is still catching up") boolean searchPending,
      List<AccountPreviewChannel> channels) {}

  /** {@code GET /api/channels/preview}. */
  public record ChannelsPreviewPage(
      long total,
      int offset,
      int limit,
      int showing,
      boolean hasMore,
      String nextAfter,
      boolean usingDatabase,
      boolean searchPending,
      List<PreviewChannel> channels,
      @Schema(description = "The synced accounts shown") List<Long> accountIds,
      List<UnsyncedAccount> unsyncedAccounts) {}

  /** {@code GET /api/playlist-configs/{id}/preview}. */
  public record PlaylistPreviewPage(
      long total,
      int offset,
      int limit,
      int showing,
      boolean hasMore,
      String nextAfter,
      boolean usingDatabase,
      boolean searchPending,
      List<PreviewChannel> channels,
      List<UnsyncedAccount> unsyncedAccounts) {}

  /** A channel of one account's preview. */
  public record AccountPreviewChannel(
      Long id,
      String streamId,
      String name,
      String cleanedName,
      String category,
      String icon,
      List<String> tags,
      boolean isActive,
      @Schema(
              description =
                  "What players call it: the cleaned name, else the name, else a stand-in")
          String title) {}

  /** A channel of a preview across accounts, naming its account. */
  public record PreviewChannel(
      Long id,
      String streamId,
      String name,
      String cleanedName,
      String categoryName,
      String icon,
      List<String> tags,
      boolean isActive,
      long accountId,
      String accountName,
      @Schema(
              description =
                  "What players call it: the cleaned name, else the name, else a stand-in")
          String title,
      @Schema(
              description =
                  "With merged=true (one row per merged channel, by its first source): how many of"
                      + " the preview's channels are its sources (1: alone)")
          Integer sources) {}

  public record UnsyncedAccount(long id, String name) {}

  public static Map<String, Object> of(
      ChannelPreview.Page page,
      PreviewRequest request,
      boolean usingDatabase,
      boolean searchPending,
      boolean crossAccount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("offset", request.offset());
    body.put("limit", request.limit());
    body.put("showing", page.channels().size());
    body.put("has_more", page.hasMore());
    body.put("next_after", page.nextAfter());
    body.put("using_database", usingDatabase);
    body.put("search_pending", searchPending);
    List<Map<String, Object>> channels = new ArrayList<>(page.channels().size());
    for (ChannelPreview.Channel c : page.channels()) {
      Map<String, Object> channel = new LinkedHashMap<>();
      channel.put("id", c.id());
      channel.put("stream_id", c.streamId());
      channel.put("name", c.name());
      channel.put("cleaned_name", c.cleanedName());
      channel.put(crossAccount ? "category_name" : "category", c.category());
      channel.put("icon", c.icon());
      channel.put("tags", c.tags());
      channel.put("is_active", c.active());
      channel.put("title", c.title());
      if (crossAccount) {
        channel.put("account_id", c.accountId());
        channel.put("account_name", c.accountName());
        if (c.sources() != null) {
          channel.put("sources", c.sources());
        }
      }
      channels.add(channel);
    }
    body.put("channels", channels);
    return body;
  }

  /** The accounts of a cross-account preview that have no synced channels: {id, name} each. */
  public static List<Map<String, Object>> unsynced(List<Account> accounts, Set<Long> synced) {
    List<Map<String, Object>> unsynced = new ArrayList<>();
    for (Account account : accounts) {
      if (!synced.contains(account.id())) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", account.id());
        entry.put("name", account.name());
        unsynced.add(entry);
      }
    }
    return unsynced;
  }
}
