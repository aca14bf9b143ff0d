package dev.graft.testkit;

import dev.graft.code.ModuleVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives each test a {@link ReleaseNode} booted from a release, with more releases unpacked
 * beside it, and stops it after the test: a {@code ReleaseNode} test parameter, or
 * {@link #node()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ReleaseNodeExtension graft = ReleaseNodeExtension.booting(Path.of("target/releases/kv-1.zip"))
 *         .unpacking(Path.of("target/releases/kv-2.zip"));
 *
 * @Test
 * void theStoreKeepsItsCountAcrossTheUpgrade(ReleaseNode node) throws Exception {
 *     node.apply("kv.Store", "bump", "a", 2);
 *     node.upgrade("2");
 *     assertThat(node.apply("kv.Store", "bump", "a", 1)).isEqualTo("v2:3");
 * }
 * }</pre>
 *
 * A test that fails gets the node's releases and the module versions it runs added to its
 * failure (as a suppressed exception, printed under it). After each test the node is stopped
 * and its releases root deleted; a process that outlived the stop fails the test.
 */
public final class ReleaseNodeExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ReleaseNodeExtension.class);

    private final Path boot;
    private final List<Path> unpack = new ArrayList<>();
    /** The node of the test running; a test runs in one thread at a time, and JUnit orders the callbacks. */
    private volatile ReleaseNode current;

    private ReleaseNodeExtension(Path boot) {
        this.boot = Objects.requireNonNull(boot, "boot");
    }

    /** An extension whose tests start on a node booted from {@code release} (an archive or a release directory). */
    public static ReleaseNodeExtension booting(Path release) {
        return new ReleaseNodeExtension(release);
    }

    /** Unpacks {@code releases} too, after the boot, for the test to install. */
    public ReleaseNodeExtension unpacking(Path... releases) {
        unpack.addAll(List.of(releases));
        return this;
    }

    /** The node of the test that is running. */
    public ReleaseNode node() {
        ReleaseNode n = current;
        if (n == null) {
            throw new IllegalStateException("no test is running: the node exists from before each test to after it");
        }
        return n;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ReleaseNode node = ReleaseNode.boot(boot);
        context.getStore(NS).put(ReleaseNode.class, node);
        current = node;
        try {
            unpack.forEach(node::unpack);
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current = null;
        ReleaseNode node = context.getStore(NS).remove(ReleaseNode.class, ReleaseNode.class);
        if (node != null) {
            node.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        ReleaseNode node = context.getStore(NS).get(ReleaseNode.class, ReleaseNode.class);
        if (node != null) {
            String state;
            try {
                state = describe(node);
            } catch (RuntimeException e) {
                state = "the node at the failure could not be described: " + e;
            }
            failure.addSuppressed(new NodeState(state));
        }
        throw failure;
    }

    /** The node's releases and loaded module versions, for a failure report. */
    private static String describe(ReleaseNode node) {
        String modules = node.codeServer().allLoaded().stream().map(ModuleVersion::loaderName).sorted()
                .collect(Collectors.joining(", "));
        return "the node at the failure: releases " + node.whichReleases() + "; modules loaded " + modules
                + "; behaviour processes " + node.behaviourProcesses();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ReleaseNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).get(ReleaseNode.class, ReleaseNode.class);
    }

    /** What the node looked like when a test failed; added to the failure as a suppressed exception. */
    private static final class NodeState extends Exception {
        NodeState(String description) {
            super(description, null, false, false);
        }
    }
}
