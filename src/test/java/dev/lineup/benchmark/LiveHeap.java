package dev.lineup.benchmark;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
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
  private final List<MemoryPoolMXBean> pools;

  private LiveHeap(JMXConnector connector, MemoryMXBean memory, List<MemoryPoolMXBean> pools) {
    this.connector = connector;
    this.memory = memory;
    this.pools = pools;
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
              MemoryMXBean.class),
          ManagementFactory.getPlatformMXBeans(
              connector.getMBeanServerConnection(), MemoryPoolMXBean.class));
    } finally {
      vm.detach();
    }
  }

  /**
   * Bytes the heap's pools held when a full collection had just ended, as the collector itself
   * recorded it ({@code getCollectionUsage}): unlike {@link #liveBytes}, nothing the server
   * allocates between the collection and the reading counts (under a stream load, megabytes).
   */
  long collectedBytes() {
    memory.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
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
