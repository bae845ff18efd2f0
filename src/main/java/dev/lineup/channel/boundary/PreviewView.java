package dev.lineup.channel.boundary;

import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.PreviewRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of a preview page, shared by both preview endpoints. */
final class PreviewView {
  private PreviewView() {}

  static Map<String, Object> of(
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
}
