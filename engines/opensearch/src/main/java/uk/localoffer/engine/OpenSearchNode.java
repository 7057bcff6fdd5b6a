package uk.localoffer.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node, started from the plain jars of Maven Central rather than a distribution:
 * the server with HTTP and transport (Netty4Plugin) and the common analysers
 * (CommonAnalysisPlugin), the two modules the family search meets. Node's protected constructor
 * takes plugin classes from the classpath, which is all a distribution's module loading does for
 * these two.
 *
 * <p>Arguments are settings as key=value (scripts/opensearch.sh passes path.home, path.data and
 * http.port). With the system property localoffer.exitWithPid the node also stops when that
 * process ends, so a test run killed hard leaves no node behind.
 */
public final class OpenSearchNode extends Node {

  private OpenSearchNode(Environment environment) {
    super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class), true);
  }

  public static void main(String[] args) throws Exception {
    Settings.Builder settings =
        Settings.builder()
            .put("cluster.name", "localoffer")
            .put("node.name", "localoffer")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.type", "netty4")
            .put("transport.type", "netty4");
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("expected a setting as key=value, got: " + arg);
      }
      settings.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Map.of(), null, () -> "localoffer");
    Node node = new OpenSearchNode(environment);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (IOException e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                },
                "opensearch-node-shutdown"));
    node.start();

    String parent = System.getProperty("localoffer.exitWithPid", "");
    if (!parent.isEmpty()) {
      ProcessHandle.of(Long.parseLong(parent))
          .ifPresentOrElse(
              process -> process.onExit().thenRun(() -> System.exit(0)),
              () -> System.exit(0));
    }
    // The node's own threads may all be daemons: keep the JVM up until it is told to stop.
    stopped.await();
  }
}
