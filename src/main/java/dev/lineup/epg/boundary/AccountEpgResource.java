package dev.lineup.epg.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/accounts/{id}/epg}: whether the account's guide is stored, and {@code POST
 * .../refresh} to fetch it from the provider now (it is also fetched after every sync).
 */
@Path("accounts/{id}/epg")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountEpgResource {
  @PersistenceContext EntityManager em;
  @Inject GuideRefresh refresh;

  @GET
  public Map<String, Object> status(@PathParam("id") long id) {
    String key = GuideRefresh.key(Account.require(em, id));
    XmltvStore guides = refresh.guides();
    Map<String, Object> status = new LinkedHashMap<>();
    XmltvStore.Stats stats = guides.stats(key);
    status.put("available", stats != null);
    if (stats != null) {
      status.put("channels", stats.channels());
      status.put("programmes", stats.programmes());
      status.put("bytes", stats.bytes());
      status.put("updated_at", guides.storedAt(key).toString());
    }
    XmltvStore.Failure failure = guides.failure(key);
    if (failure != null) {
      status.put("last_error", failure.message());
      status.put("last_error_at", failure.at().toString());
    }
    status.put("url", "/epg/" + id + ".xml");
    return status;
  }

  @POST
  @Path("refresh")
  public Map<String, Object> refresh(@PathParam("id") long id) {
    XmltvStore.Stats stats = refresh.refresh(Account.require(em, id));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("success", true);
    result.put("channels", stats.channels());
    result.put("programmes", stats.programmes());
    result.put("bytes", stats.bytes());
    return result;
  }
}
