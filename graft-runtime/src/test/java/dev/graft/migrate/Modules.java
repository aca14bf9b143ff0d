package dev.graft.migrate;

/**
 * The modules the migration tests load, as {@link dev.graft.code.Lab} templates ({@code $V} is
 * the version), each in the versions whose differences a test needs.
 */
final class Modules {
    static final String SHOP = "mig.Shop";

    /** Shop version 1: records and an enum, plain and nested in containers. */
    static final String SHOP_V1 = """
            package mig;

            import dev.graft.code.Vsn;
            import java.util.Comparator;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            @Vsn("$V")
            public final class Shop {
                private Shop() {}

                public enum Color { RED, GREEN, BLUE }

                public record Point(int x, int y) {}

                public record Rank(int n) implements Comparable<Rank> {
                    public int compareTo(Rank o) {
                        return Integer.compare(n, o.n);
                    }
                }

                public record Item(String name, int qty, Color color) {}

                public record Account(String owner, int money, String note, int visits) {}

                public record Basket(List<Item> items, Map<String, Item> byName, Optional<Item> best, Item[] all) {}

                public static Object byY() {
                    return (Comparator<Point>) (a, b) -> Integer.compare(a.y(), b.y());
                }
            }
            """;

    /**
     * Shop version 2: Point the same; Color and Item reordered, Color with a new constant;
     * Account with money renamed salary, note dropped, visits widened to long and three new
     * components with defaults; Basket the same, of the new Item.
     */
    static final String SHOP_V2 = """
            package mig;

            import dev.graft.code.Vsn;
            import dev.graft.migrate.Migration;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            @Vsn("$V")
            public final class Shop {
                private Shop() {}

                public enum Color { BLUE, RED, GREEN, YELLOW }

                public record Point(int x, int y) {}

                public record Rank(int n) implements Comparable<Rank> {
                    public int compareTo(Rank o) {
                        return Integer.compare(n, o.n);
                    }
                }

                public record Item(Color color, int qty, String name) {}

                public record Account(String owner, @Migration.From("money") int salary, long visits,
                        @Migration.Default("7") int level, @Migration.Default("GREEN") Color favourite,
                        @Migration.Default List<Item> history) {}

                public record Basket(List<Item> items, Map<String, Item> byName, Optional<Item> best, Item[] all) {}
            }
            """;

    static final String BAD = "mig.Bad";

    /** Bad version 1: values that version 2's shapes cannot take. */
    static final String BAD_V1 = """
            package mig;

            import dev.graft.code.Vsn;
            import java.util.List;

            @Vsn("$V")
            public final class Bad {
                private Bad() {}

                public enum Size { S, M, L, XL }

                public record Entry(String key, Object count) {}

                public record State(List<Entry> entries, Size size) {}

                public record Person(String name) {}

                public record Pet(String name) {}

                public record Gone(int x) {}

                public record Signed(int n) {}

                public record Holder(Object thing) {}

                public static final class Counter {}

                public static Object counter() {
                    return new Counter();
                }

                public static Object lambda() {
                    return (Runnable) () -> {};
                }
            }
            """;

    /**
     * Bad version 2: Size without XL; Entry's count an int; Person with a new component and no
     * default; Pet with a default that does not parse; no Gone; Signed refusing negatives.
     */
    static final String BAD_V2 = """
            package mig;

            import dev.graft.code.Vsn;
            import dev.graft.migrate.Migration;
            import java.util.List;

            @Vsn("$V")
            public final class Bad {
                private Bad() {}

                public enum Size { S, M, L }

                public record Entry(String key, int count) {}

                public record State(List<Entry> entries, Size size) {}

                public record Person(String name, int age) {}

                public record Pet(String name, @Migration.Default("many") int legs) {}

                public record Signed(int n) {
                    public Signed {
                        if (n < 0) {
                            throw new IllegalArgumentException("negative: " + n);
                        }
                    }
                }

                public record Holder(Object thing) {}

                public static final class Counter {}
            }
            """;

    static final String OTHER = "mig.Other";

    /** Another module with a record, whose values are not Shop's to migrate. */
    static final String OTHER_V1 = """
            package mig;

            @dev.graft.code.Vsn("$V")
            public final class Other {
                private Other() {}

                public record Note(String text) {}
            }
            """;

    private Modules() {}
}
