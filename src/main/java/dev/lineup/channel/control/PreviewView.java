package dev.lineup.channel.control;

import dev.lineup.account.entity.Account;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON of a preview page, shared by every preview endpoint. */
public final class PreviewView {
  private PreviewView() {}

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
      if (crossAccount) {
        channel.put("account_id", c.accountId());
        channel.put("account_name", c.accountName());
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
