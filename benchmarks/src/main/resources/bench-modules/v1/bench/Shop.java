package bench;

import dev.graft.code.Vsn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The state of the migration benchmark, version 1; version 2 changes its shape. */
@Vsn("1")
public final class Shop {
    private Shop() {}

    public enum Color { RED, GREEN, BLUE }

    public record Point(int x, int y) {}

    public record Item(String name, int qty, Color color) {}

    public record Account(String owner, int money, String note, int visits) {}

    public record Basket(List<Item> items, Map<String, Item> byName, Optional<Item> best) {}

    public static Object point() {
        return new Point(3, 4);
    }

    public static Object account() {
        return new Account("ann", 100, "vip", 3);
    }

    public static Object basket() {
        List<Item> items = List.of(new Item("pen", 1, Color.RED), new Item("ink", 2, Color.BLUE),
                new Item("pad", 3, Color.GREEN), new Item("cap", 4, Color.RED), new Item("nib", 5, Color.BLUE));
        return new Basket(items, Map.of("pen", items.get(0), "ink", items.get(1)), Optional.of(items.get(2)));
    }
}
