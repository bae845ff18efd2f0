package dev.lineup.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian packages some tests need (Chromium, ffmpeg, xmltv-util, libxml2-utils): installed with
 * apt-get when missing and the tests run as root (a fresh CI machine). Tests ask through {@link
 * Tools}, which skips or fails the check when the tool is still missing. Set {@code
 * LINEUP_TEST_APT=false} to never install.
 */
public final class Debian {
  private static boolean updated;

  private Debian() {}

  /** True when {@code tool} is on the PATH, installing {@code packages} first if it can. */
  public static synchronized boolean ensure(String tool, String... packages) {
    if (Node.onPath(tool)) {
      return true;
    }
    if ("false".equalsIgnoreCase(System.getenv("LINEUP_TEST_APT"))
        || !Node.onPath("apt-get")
        || !"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    try {
      Path here = Path.of(".");
      Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
      if (!updated) {
        Node.Result update = Node.run(here, List.of("apt-get", "update", "-qq"), env, 300);
        System.out.println("apt-get update: " + update.status());
        updated = true;
      }
      List<String> install =
          new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
      install.addAll(List.of(packages));
      Node.Result result = Node.run(here, install, env, 600);
      System.out.println("apt-get install " + String.join(" ", packages) + ": " + result.status());
      return Node.onPath(tool);
    } catch (Exception | AssertionError e) {
      System.out.println("apt-get install " + String.join(" ", packages) + " failed: " + e);
      return false;
    }
  }
}
