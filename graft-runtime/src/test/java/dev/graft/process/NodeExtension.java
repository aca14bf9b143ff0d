package dev.graft.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link Node} (a {@code Node} test parameter) and the crash reports of
 * the runtime (a {@link CrashLog} parameter). After the test it stops the node and fails the
 * test if {@code node.stop} did not finish or if any process is still alive.
 *
 * <p>Crash reports ({@code System.Logger} "dev.graft.*", which defaults to
 * java.util.logging) are captured instead of printed, and printed only when the test fails.
 */
public final class NodeExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NodeExtension.class);
    /** Held so that java.util.logging does not forget the handler we add. */
    private static final Logger GRAFT_LOG = Logger.getLogger("dev.graft");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public void beforeEach(ExtensionContext context) {
        CrashLog log = new CrashLog();
        GRAFT_LOG.addHandler(log);
        GRAFT_LOG.setUseParentHandlers(false);
        ExtensionContext.Store store = context.getStore(NS);
        store.put(CrashLog.class, log);
        store.put(Node.class, Node.start(context.getRequiredTestMethod().getName()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NS);
        Node node = store.remove(Node.class, Node.class);
        CrashLog log = store.remove(CrashLog.class, CrashLog.class);
        boolean finished;
        List<Pid> alive;
        try {
            finished = node.stop(STOP_TIMEOUT);
            alive = node.processes();
        } finally {
            GRAFT_LOG.removeHandler(log);
            GRAFT_LOG.setUseParentHandlers(true);
            if (context.getExecutionException().isPresent()) {
                log.print();
            }
        }
        if (!finished) {
            throw new AssertionError("node.stop(" + STOP_TIMEOUT + ") did not finish: some process ignored kill;"
                    + " still alive: " + alive);
        }
        if (!alive.isEmpty() || node.processCount() != 0) {
            throw new AssertionError("processes still alive after node.stop: " + alive
                    + " (processCount " + node.processCount() + ")");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Node.class || type == CrashLog.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return context.getStore(NS).get(type, type);
    }

    /** The crash reports the runtime logged during one test. */
    public static final class CrashLog extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        public List<LogRecord> records() {
            return List.copyOf(records);
        }

        void print() {
            for (LogRecord r : records) {
                System.err.println("[captured " + r.getLevel() + "] " + r.getMessage());
                if (r.getThrown() != null) {
                    r.getThrown().printStackTrace();
                }
            }
        }
    }
}
