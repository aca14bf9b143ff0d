package shop;

public final class Names {
    public static String of(int n) {
        return "count " + n;
    }
}
