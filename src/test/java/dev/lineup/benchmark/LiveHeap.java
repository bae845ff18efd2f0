package dev.lineup.benchmark;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The server's live heap: what it still holds after a full collection, as opposed to the used heap
 * of /metrics, which counts garbage not yet collected. Attaches to the test server's JVM (the
 * Attach API and JMX of the JDK, nothing added to the server), and while sampling asks for a
 * collection and reads the heap after it, a few times a second. The collections slow the server
 * down: figures taken while sampling are memory figures, never timings.
 */
final class LiveHeap implements AutoCloseable {
  private final JMXConnector connector;
  private final MemoryMXBean memory;

  private LiveHeap(JMXConnector connector, MemoryMXBean memory) {
    this.connector = connector;
    this.memory = memory;
  }

  /** Attaches to the one Open Liberty server started from this project's build directory. */
  static LiveHeap attach() throws Exception {
    String serverDir = System.getProperty("user.dir") + "/target/liberty";
    ProcessHandle server =
        ProcessHandle.allProcesses()
            .filter(
                p -> {
                  String line = p.info().commandLine().orElse("");
                  return line.contains("ws-server.jar") && line.contains(serverDir);
                })
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException("No Open Liberty server running from " + serverDir));
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(server.pid()));
    try {
      JMXConnector connector =
          JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      return new LiveHeap(
          connector,
          ManagementFactory.newPlatformMXBeanProxy(
              connector.getMBeanServerConnection(),
              ManagementFactory.MEMORY_MXBEAN_NAME,
              MemoryMXBean.class));
    } finally {
      vm.detach();
    }
  }

  /** Bytes in use right after a full collection. */
  long liveBytes() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * Between two collections: back to back, they leave the server too little time to read a provider
   * (a first sync of 100,000 then timed out).
   */
  private static final long PAUSE_MS = 300;

  /** Samples the live heap, a collection every {@value #PAUSE_MS} ms or so, until closed. */
  Sampler sample() {
    return new Sampler();
  }

  final class Sampler implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;

    private Sampler() {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  peak.accumulateAndGet(liveBytes(), Math::max);
                  samples.incrementAndGet();
                  try {
                    Thread.sleep(PAUSE_MS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "live-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    /** The highest live heap seen, in MB. */
    long peakMb() {
      return peak.get() / (1024 * 1024);
    }

    long samples() {
      return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}
