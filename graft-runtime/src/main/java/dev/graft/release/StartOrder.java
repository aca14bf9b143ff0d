package dev.graft.release;

import static dev.graft.release.ErlangLists.distinct;
import static dev.graft.release.ErlangLists.subtract;

import dev.graft.application.AppSpec;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The order systools puts a release's applications in ({@code systools_make:get_release},
 * OTP 25): the order they start in, and the order {@code systools_relup} reads their appups in.
 * Each application comes after those it uses ({@code applications}) and includes; apart from
 * that, in the order the {@code .rel} names them.
 *
 * <p>Before it sorts, as systools does: an application includes the applications the
 * {@code .rel} says, else those its {@code .app} says; a used application that is neither in
 * the release nor optional, or an included one not in the release, is an error
 * ({@code {undefined_applications, [App]}}); a used application that another includes stands
 * for the application at the top of that inclusion; and each application's used and included
 * applications are put in {@code .rel} order, those the release lacks last.
 */
final class StartOrder {
    /** One application, as the sort sees it. */
    private record Node(String name, String vsn, List<String> uses, List<String> includes, List<String> optional) {
        Node ordered(List<String> releaseOrder) {
            return new Node(name, vsn, inReleaseOrder(uses, releaseOrder), inReleaseOrder(includes, releaseOrder), optional);
        }

        Object term() {
            return Tuple.of(Atom.of(name), vsn);
        }
    }

    /** What {@code find_all} found of an application's dependencies among those not yet placed. */
    private record Found(List<Node> found, List<Node> rest, List<String> notFound) {}

    private StartOrder() {}

    static ApplicationList of(ReleaseApps release) {
        List<String> releaseOrder = release.spec().applications().stream().map(ReleaseSpec.App::name).toList();
        List<Node> nodes = release.spec().applications().stream().map(named -> {
            AppSpec app = release.application(named.name());
            return new Node(named.name(), named.vsn(), app.applications(),
                    named.includedApplications().orElse(app.includedApplications()), app.optionalApplications());
        }).toList();
        checkDefined(nodes, releaseOrder);
        List<Node> sorted = sort(withTopApplications(nodes).stream().map(n -> n.ordered(releaseOrder)).toList());
        return new ApplicationList(release.spec(), sorted.stream().map(n -> release.application(n.name())).toList());
    }

    /** {@code systools_make:undef_appls}. */
    private static void checkDefined(List<Node> nodes, List<String> releaseOrder) {
        List<String> undefined = nodes.stream()
                .flatMap(n -> Stream.concat(subtract(n.uses(), n.optional()).stream(), n.includes().stream()))
                .filter(name -> !releaseOrder.contains(name))
                .toList();
        if (!undefined.isEmpty()) {
            throw new RelupException(Tuple.of(Atom.of("undefined_applications"), Atom.list(distinct(undefined))), null, null,
                    "an application of the release uses or includes an application the release does not hold");
        }
    }

    /**
     * {@code systools_make:add_top_apps_to_uses}: an application that uses one included by
     * another uses the top of that inclusion instead, unless it is that top or below it; and
     * an included application does not use the top of its own inclusion.
     */
    private static List<Node> withTopApplications(List<Node> nodes) {
        Map<String, String> includedBy = new LinkedHashMap<>();
        nodes.forEach(n -> n.includes().forEach(included -> includedBy.putIfAbsent(included, n.name())));
        return nodes.stream().map(n -> {
            String top = top(n.name(), includedBy);
            List<String> uses = n.uses();
            for (String used : n.uses()) {
                if (used.equals(top)) {
                    uses = subtract(uses, List.of(top));
                } else if (includedBy.containsKey(used)) {
                    String usedTop = top(used, includedBy);
                    if (uses.contains(usedTop)) {
                        uses = subtract(uses, List.of(used));
                    } else if (!usedTop.equals(top)) {
                        uses = new ArrayList<>(subtract(uses, List.of(used)));
                        uses.add(usedTop);
                    }
                }
            }
            return new Node(n.name(), n.vsn(), uses, n.includes(), n.optional());
        }).toList();
    }

    /** The application at the top of the chain that includes this one; itself if none does. */
    private static String top(String application, Map<String, String> includedBy) {
        Set<String> seen = new HashSet<>(); // an inclusion cycle, which systools would follow forever, ends here
        String top = application;
        while (includedBy.containsKey(top) && seen.add(top)) {
            top = includedBy.get(top);
        }
        return top;
    }

    /** {@code systools_make:sort_appl_list}: in {@code .rel} order, those the release lacks last, as they were. */
    private static List<String> inReleaseOrder(List<String> names, List<String> releaseOrder) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(name -> releaseOrder.contains(name) ? releaseOrder.indexOf(name) : Integer.MAX_VALUE));
        return sorted;
    }

    /**
     * {@code systools_make:sort_appls}: takes the applications in turn; one whose dependencies
     * are not yet placed goes back behind them, and is marked visited, so that a dependency
     * that leads back to it is a cycle.
     */
    private static List<Node> sort(List<Node> nodes) {
        List<Node> todo = new ArrayList<>(nodes);
        List<Node> sorted = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        List<String> missing = new ArrayList<>();
        List<Node> circular = new ArrayList<>();
        while (!todo.isEmpty()) {
            Node app = todo.removeFirst();
            Found uses = findAll(app, app.uses(), todo, visited);
            Found includes = findAll(app, app.includes(), uses.rest(), visited);
            missing.addAll(0, Stream.concat(subtract(uses.notFound(), app.optional()).stream(), includes.notFound().stream()).toList());
            List<Node> first = Stream.concat(uses.found().stream(), includes.found().stream()).toList();
            if (first.isEmpty()) {
                sorted.add(app);
                visited.add(app.name());
                continue;
            }
            List<Node> cycle = first.stream().filter(n -> visited.contains(n.name())).toList();
            if (!cycle.isEmpty()) {
                circular.addAll(0, Stream.concat(Stream.of(app), cycle.stream()).toList());
            }
            todo = new ArrayList<>(first);
            todo.add(app);
            todo.addAll(includes.rest());
            cycle.forEach(todo::remove);
            visited.add(app.name());
        }
        if (!missing.isEmpty() || !circular.isEmpty()) {
            throw new RelupException(sortError(distinct(missing), distinct(circular)), null, null,
                    "the release's applications cannot be put in an order to start in: "
                            + (circular.isEmpty() ? "some depend on applications it does not hold" : "some depend on each other"));
        }
        return sorted;
    }

    /**
     * {@code systools_make:find_all}: of the named dependencies of {@code app} (taken in reverse,
     * so that those found keep their order), those among {@code todo}, taken out of it; and
     * those neither there nor visited. A dependency that includes {@code app} counts as not there.
     */
    private static Found findAll(Node app, List<String> names, List<Node> todo, Set<String> visited) {
        List<Node> found = new ArrayList<>();
        List<Node> rest = new ArrayList<>(todo);
        List<String> notFound = new ArrayList<>();
        for (String name : names.reversed()) {
            Node dependency = rest.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
            if (dependency != null && !dependency.includes().contains(app.name())) {
                rest.remove(dependency);
                found.addFirst(dependency);
            } else if (!visited.contains(name)) {
                notFound.addFirst(name);
            }
        }
        return new Found(found, rest, notFound);
    }

    private static Object sortError(List<String> missing, List<Node> circular) {
        Object undefined = Tuple.of(Atom.of("undefined_applications"), Atom.list(missing));
        Object cycles = Tuple.of(Atom.of("circular_dependencies"), circular.stream().map(Node::term).toList());
        if (circular.isEmpty()) {
            return undefined;
        }
        return missing.isEmpty() ? cycles : Tuple.of(Atom.of("apps"), List.of(cycles, undefined));
    }
}
