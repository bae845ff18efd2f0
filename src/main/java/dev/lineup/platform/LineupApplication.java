package dev.lineup.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API lives under /api; HTML pages and player URLs get their own prefixes. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Lineup API",
            version = "1",
            description =
                "Accounts, sync, tags, filters, preview and playlists of a self-hosted IPTV lineup"
                    + " manager. Errors are RFC 9457 application/problem+json."))
public class LineupApplication extends Application {}
