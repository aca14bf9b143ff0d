package bench;

import dev.graft.code.Vsn;
import dev.graft.migrate.Migration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the migration benchmark, version 2: Point the same; Color and Item reordered;
 * Account with a renamed, a dropped and a widened component and three new ones.
 */
@Vsn("2")
public final class Shop {
    private Shop() {}

    public enum Color { BLUE, RED, GREEN }

    public record Point(int x, int y) {}

    public record Item(Color color, int qty, String name) {}

    public record Account(String owner, @Migration.From("money") int salary, long visits,
            @Migration.Default("7") int level, @Migration.Default("GREEN") Color favourite,
            @Migration.Default List<Item> history) {}

    public record Basket(List<Item> items, Map<String, Item> byName, Optional<Item> best) {}
}
